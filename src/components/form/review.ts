import { html, nothing, type TemplateResult } from 'lit';
import { answerWords, t } from '../../modules/i18n/ui-texts.js';
import { childPointer } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import { formatAnswer as formatAnswerWith } from '../../schemas/answer-rows.js';
import type { FieldNode, Lang, StepModel } from '../../schemas/types.js';

/** An answer as the person would say it: labels instead of codes, dates in German style. */
export function formatAnswer(node: FieldNode, value: unknown, lang: Lang): string {
  return formatAnswerWith(node, value, lang, answerWords(lang));
}

function rows(store: FormStore, node: FieldNode, pointer: string, lang: Lang): TemplateResult | typeof nothing {
  if (!store.isShown(pointer) || node.kind === 'info') return nothing;
  const label = store.label(node);
  if (node.kind === 'object') {
    return html`<div class="review-group">
      <dt class="review-group-title">${label}</dt>
      <dd>
        <dl>
          ${store.visibleChildren(node, pointer).map((child) => rows(store, child, childPointer(pointer, child.key), lang))}
        </dl>
      </dd>
    </div>`;
  }
  if (node.kind === 'array') {
    const items = (store.value(pointer) as unknown[] | undefined) ?? [];
    const itemTitle = text(node.schema, 'itemTitle', lang) ?? label;
    return html`<div class="review-group">
      <dt class="review-group-title">${label}</dt>
      <dd>
        ${items.length === 0 ? t(lang, 'notAnswered') : nothing}
        ${items.map((value, i) => {
          const itemPointer = childPointer(pointer, i);
          if (node.item.kind !== 'object')
            return html`<dl class="review-item">
              <div class="review-row">
                <dt>${itemTitle} ${i + 1}</dt>
                <dd>${formatAnswer(node.item, value, lang)}</dd>
              </div>
            </dl>`;
          const item = node.item;
          return html`<dl class="review-item">
            <div class="review-group">
              <dt class="review-group-title">${itemTitle} ${i + 1}</dt>
              <dd>
                <dl>
                  ${store.visibleChildren(item, itemPointer).map((child) => rows(store, child, childPointer(itemPointer, child.key), lang))}
                </dl>
              </dd>
            </div>
          </dl>`;
        })}
      </dd>
    </div>`;
  }
  return html`<div class="review-row">
    <dt>${label}</dt>
    <dd>${formatAnswer(node, store.value(pointer), lang)}</dd>
  </div>`;
}

/** The review page: every answer of every step, with a change link per step. */
export function renderReview(
  store: FormStore,
  steps: StepModel[],
  lang: Lang,
  stepTitle: (step: StepModel) => string,
  change: (index: number) => void,
) {
  return html`<div class="review" part="review">
    ${steps.map((step, index) => {
      const title = stepTitle(step);
      const fields = step.fields
        .map((key) => store.model.root.children.find((c) => c.key === key)!)
        .filter((node) => node && store.isShown(childPointer('', node.key)));
      // A heading per step, not a landmark: five steps would add five regions to the page (finding 8).
      return html`<div class="review-section">
        <div class="review-head">
          <h4 id="review-${index}">${title}</h4>
          <button
            type="button"
            class="link"
            part="change-link"
            aria-label=${t(lang, 'changeNamed', { name: title })}
            @click=${() => change(index)}
          >
            ${t(lang, 'change')}
          </button>
        </div>
        <dl>${fields.map((node) => rows(store, node, childPointer('', node.key), lang))}</dl>
      </div>`;
    })}
  </div>`;
}
