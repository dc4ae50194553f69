import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import { childPointer } from '../../schemas/data.js';
import type { FieldError, FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import type { Lang, StepModel } from '../../schemas/types.js';
import { questions } from '../fields/questions.js';
import { fieldId } from '../fields/ids.js';
import type { FormHost } from '../fields/view.js';
import { renderErrorSummary } from './error-summary.js';
import { renderReview } from './review.js';

/** What a page of the form (a step or the review) shows and where its buttons lead. */
export interface PageView {
  store: FormStore;
  steps: StepModel[];
  /** Index of the step on display; `steps.length` is the review page. */
  index: number;
  lang: Lang;
  host: FormHost;
  summary: FieldError[];
  stepTitle: (step: StepModel, index: number) => string;
  goToField: (pointer: string) => void;
  onBack: () => void;
}

/** One step: its questions (those whose conditions hold), "Weiter" and "Zurück". */
export function renderStepPage(view: PageView & { returnToReview: boolean; onNext: (event: Event) => void }) {
  const { store, lang, host, index } = view;
  const step = view.steps[index];
  const stepDescription = text(step.texts, 'description', lang);
  const shown = new Set(store.visibleChildren(store.model.root, '').map((c) => c.key));
  const nodes = step.fields
    .map((key) => store.model.root.children.find((c) => c.key === key)!)
    .filter((node) => shown.has(node.key));
  // The questions go into a div, not straight into the <form>: Chromium inserts subtrees with
  // controls into a form element one by one about 100x slower (see test/bench/README.md).
  return html`${renderErrorSummary(view.summary, lang, view.goToField)}
    <form part="form" novalidate @submit=${view.onNext}>
      <h3 class="step-title" tabindex="-1">${view.stepTitle(step, index)}</h3>
      ${stepDescription ? html`<p class="step-description">${stepDescription}</p>` : nothing}
      <div class="fields">
        ${questions(nodes.map((node) => ({ store, node, pointer: childPointer('', node.key), lang, host })))}
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="button button-primary">
          ${t(lang, view.returnToReview ? 'toReview' : 'next')}
        </button>
        ${index > 0 ? html`<button type="button" class="secondary" part="button" @click=${view.onBack}>${t(lang, 'back')}</button>` : nothing}
      </div>
      <p class="draft-hint">${t(lang, 'draftHint')}</p>
    </form>`;
}

/** The review page: every answer per step with a change link, then the button that confirms: "Antrag
 * absenden", "Weiter zur Bezahlung", or without a gateway "Angaben bestätigen". */
export function renderReviewPage(
  view: PageView & {
    confirmed: boolean;
    confirmLabel: string;
    onConfirm: () => void;
    onChangeStep: (index: number) => void;
    fees?: unknown;
  },
) {
  const { lang, steps } = view;
  return html`${renderErrorSummary(view.summary, lang, view.goToField)}
    <h3 class="step-title" tabindex="-1">${t(lang, 'review')}</h3>
    <p>${t(lang, 'reviewIntro')}</p>
    ${renderReview(view.store, steps, lang, (step) => view.stepTitle(step, steps.indexOf(step)), view.onChangeStep)}
    ${view.fees ?? nothing}
    ${
      view.confirmed
        ? html`<div class="notice success confirmation" part="confirmation" tabindex="-1">
            <p>${t(lang, 'confirmed')}</p>
          </div>`
        : nothing
    }
    <div class="actions">
      <button type="button" class="primary" part="button button-primary" @click=${view.onConfirm}>
        ${view.confirmLabel}
      </button>
      ${steps.length > 0 ? html`<button type="button" class="secondary" part="button" @click=${view.onBack}>${t(lang, 'back')}</button>` : nothing}
    </div>`;
}

/** Moves the focus to a question's control (or the question itself) and scrolls it into view. */
export function focusQuestion(root: HTMLElement | DocumentFragment, pointer: string): void {
  const target = root.querySelector<HTMLElement>(`#${fieldId(pointer)}`);
  if (!target) return;
  const control = target.matches('input, select, textarea')
    ? target
    : (target.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea, button') ?? target);
  control.focus();
  control.scrollIntoView?.({
    block: 'center',
    behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
  });
}
