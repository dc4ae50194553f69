import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../../modules/i18n/ui-texts.js';
import { childPointer } from '../../schemas/data.js';
import { customErrors, text } from '../../schemas/texts.js';
import type { ArrayNode, ObjectNode } from '../../schemas/types.js';
import { field } from './field-directive.js';
import { childViews, questions } from './questions.js';
import { fieldId } from './ids.js';
import { notesMarkup, parse } from './leaf.js';
import { fieldParts } from './shell.js';
import type { FieldView } from './view.js';

/** The questions of an object, as one self-updating list (questions.ts). */
export function renderChildren(view: FieldView, node: ObjectNode, pointer: string): unknown {
  return questions(childViews(view, node, pointer));
}

/** A group of questions: fieldset with legend. */
export function renderObjectField(view: FieldView): unknown {
  const node = view.node as ObjectNode;
  // Alternatives with nothing else to ask: the choice between them carries the group's title.
  if (view.bare || (node.alternatives && node.baseFields.size === 1)) return renderChildren(view, node, view.pointer);
  const parts = fieldParts(view);
  return html`<fieldset class="group" id=${parts.id} part="group" aria-describedby=${ifDefined(parts.describedBy)}>
    <legend part="legend">${parts.label}</legend>
    ${parse(notesMarkup(parts, view.lang))}${renderChildren(view, node, view.pointer)}
  </fieldset>`;
}

/** A repeatable group: one fieldset per entry, "add another" and "remove". */
export function renderArrayField(view: FieldView): unknown {
  const { store, pointer, lang, host } = view;
  const node = view.node as ArrayNode;
  const parts = fieldParts(view);
  const keys = store.itemKeys(pointer);
  const count = keys.length;
  const itemTitle = store.itemTitle(node);
  const addLabel = text(node.schema, 'addLabel', lang) ?? t(lang, 'addNamed', { name: itemTitle });
  const readOnly = node.schema.readOnly === true;

  const add = () => {
    const index = store.addItem(pointer);
    host.announce(t(lang, 'itemAdded', { name: `${itemTitle} ${index + 1}` }));
    host.focusField(childPointer(pointer, index));
  };
  const remove = (index: number) => {
    store.removeItem(pointer, index);
    host.entryRemoved();
    host.announce(t(lang, 'itemRemoved', { name: `${itemTitle} ${index + 1}` }));
    // Focus stays where the person was (WCAG 2.4.3): the entry that moved up into this place, else the
    // one before it; with none left, the group, whose first control is then the add button.
    const left = count - 1;
    host.focusField(left > 0 ? childPointer(pointer, Math.min(index, left - 1)) : pointer);
  };

  const legend =
    parts.required || node.minItems > 0
      ? parts.label
      : html`${parts.label} <span class="optional">${t(lang, 'optional')}</span>`;
  const items = repeat(
    keys,
    (key) => key,
    (_key, index) => {
      const itemPointer = childPointer(pointer, index);
      const name = `${itemTitle} ${index + 1}`;
      const removable = count > node.minItems && !readOnly;
      const removeButton = removable
        ? html`<button type="button" class="secondary remove" part="button" @click=${() => remove(index)}>
            ${t(lang, 'removeNamed', { name })}
          </button>`
        : nothing;
      // A list of simple values: one labelled field per entry ("Weiterer Vorname 2"), no fieldset.
      if (node.item.kind !== 'object')
        return html`<div class="item list-item" part="item">
          ${field({ ...view, node: node.item, pointer: itemPointer })}${removeButton}
        </div>`;
      return html`<fieldset class="item" id=${fieldId(itemPointer)} tabindex="-1" part="item">
        <legend part="legend">${name}</legend>
        ${field({ ...view, node: node.item, pointer: itemPointer, bare: true })}${removeButton}
      </fieldset>`;
    },
  );
  const addition = readOnly
    ? nothing
    : count < node.maxItems
      ? html`<button type="button" class="secondary add" part="button" @click=${add}>${addLabel}</button>`
      : html`<p class="note">
          ${
            node.maxItems === 0
              ? t(lang, 'deepestLevel')
              : // the form's own words for the limit, where it has them ("höchstens fünf Hunde")
                (customErrors(node.schema, lang)?.maxItems ?? t(lang, 'maxItemsReached', { max: node.maxItems }))
          }
        </p>`;
  return html`<fieldset
    class="group repeat"
    id=${parts.id}
    tabindex="-1"
    part="group"
    aria-describedby=${ifDefined(parts.describedBy)}
  >
    <legend part="legend">${legend}</legend>
    ${parse(notesMarkup(parts, view.lang))}${items}${addition}
  </fieldset>`;
}
