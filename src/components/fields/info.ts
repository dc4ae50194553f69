import { html, nothing } from 'lit';
import { text } from '../../schemas/texts.js';
import { fieldId } from './ids.js';
import type { FieldView } from './view.js';

/** `"type": "null"` with a title or description: a text between the questions (a legal note), never
 * a control and never an answer. The texts are text, not HTML. */
export function renderInfoField(view: FieldView): unknown {
  const { node, pointer, lang } = view;
  const title = text(node.schema, 'title', lang);
  const description = text(node.schema, 'description', lang);
  return html`<div class="info" id=${fieldId(pointer)} part="info">
    ${title ? html`<p class="info-title">${title}</p>` : nothing}${description ? html`<p>${description}</p>` : nothing}
  </div>`;
}
