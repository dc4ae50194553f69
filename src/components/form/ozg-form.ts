import { OzgFormBase } from './form-base.js';
import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import { tokens } from '../../schemas/data.js';
import type { FieldError, FormStore } from '../../schemas/store.js';
import { text } from '../../schemas/texts.js';
import { emit } from '../events.js';
import { PageTitleController } from '../page-title-controller.js';
import type { FormHost } from '../fields/view.js';
import { renderDeviceData } from './device-data.js';
import { defineElement } from '../define.js';
import type { SubmissionRequest } from '../submission/ozg-submission.js';
import type { PaidApplication } from '../payment/ozg-payment.js';
import { renderLoadProblem } from './loading.js';
import { styles } from './ozg-form.styles.js';
import { renderReviewPage, renderStepPage, type PageView } from './step-view.js';
import { renderStepIndicator } from './step-indicator.js';
import { loginAllows, offersLogin } from '../account/use-account.js';

export type { Phase } from './form-base.js';

/**
 * An online application form rendered from a JSON Schema definition.
 *
 * Register it by importing the package for its effect; an import used only as a type defines
 * nothing (TypeScript drops it), the build stays green and the page blank:
 *
 * @example
 * ```ts
 * import 'ozg-form'; // defines <ozg-form> (and <ozg-mailbox> on the pages that use it)
 * import type { OzgForm, OzgSubmitDetail } from 'ozg-form';
 *
 * const form = document.querySelector<OzgForm>('ozg-form')!;
 * ```
 *
 * @summary Accessible multi-step application form (OZG) from a JSON Schema definition.
 *
 * @attr src - URL of the form definition (JSON Schema 2020-12 or draft-07 with `x-ozg` annotations).
 * @attr lang - `de` or `en`; default: the nearest `lang` of the page, else German.
 * @attr gateway - Base URL of the gateway API (e.g. `/gateway/v1`). When set, a confirmed form is sent
 *   end-to-end encrypted (FIT-Connect) and a receipt replaces it; without it only `ozg-submit` fires.
 * @attr mailbox - Page of `<ozg-mailbox>` the receipt links to (default `postfach.html`).
 * @attr page-title - `on`/`off`: keep the document title in step with the form ("Fehler: Schritt 2 von 5: Hunde – …"); default on inside `<main>`.
 * @attr audit - Audit mode for editors (also `?ozg-audit` in the page address): an accessibility report panel after the form.
 * @attr account - URL of the user-account configuration (default `/account/config.json`); used only by
 *   definitions with `x-ozg.account` (login with a Nutzerkonto and prefill).
 * @attr draft-days - Days a draft and the kept case secret stay on this device after the last change (default 3).
 * @prop schema - The definition as an object (instead of `src`).
 * @prop data - Initial answers; reading it returns the answers of the questions shown.
 *
 * @event ozg-change - An answer changed. `detail: { pointer, value }`.
 * @event ozg-step - Another step (or the review page) is shown. `detail: { index, id, title, steps }`.
 * @event ozg-submit - The person confirmed the review page. `detail: { data }`, validated. Cancel it
 *   (`preventDefault()`) to send the answers yourself instead of through `gateway`.
 * @event ozg-error - The definition could not be loaded or is invalid. `detail: { message, problems }`.
 * @event ozg-ready - The form is rendered and usable. `detail: { steps }`.
 * @event ozg-login - The login began, ended or ran out. `detail: { outcome, trustLevel? }` (forms with `x-ozg.account`).
 *
 * @csspart form - The form element of a step.
 * @csspart title - The form's title.
 * @csspart progress - The step indicator.
 * @csspart field - One question.
 * @csspart label - Its label or legend.
 * @csspart hint - Its hint.
 * @csspart error - Its error message.
 * @csspart input - Its control.
 * @csspart help - Its help text.
 * @csspart group - A group of questions.
 * @csspart item - One entry of a repeatable group.
 * @csspart button - Every button.
 * @csspart button-primary - "Weiter" and "Bestätigen".
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart review - The review page.
 * @csspart submission - The view while sending.
 * @csspart receipt - The acknowledgement of receipt.
 * @csspart payment-extra - On the receipt: a payment made once more for the application (the page of a
 *   replaced payment, paid in another window), to be refunded.
 * @csspart fees - The fee lines and the total (review page, payment step; forms with `x-ozg.fees`).
 * @csspart payment - The payment step between confirming and sending (XBezahldienste via `gateway`).
 * @csspart legend - The legend of a group of choices.
 * @csspart change-link - "Ändern" of a step on the review page.
 * @csspart confirmation - The note after confirming when no `gateway` sends the answers.
 * @csspart load-error - The message when the definition (or a part of ozg-form's code) cannot be loaded.
 * @csspart editor-note - "Für die Redaktion": a configuration mistake (CORS, CSP, a wrong `gateway` or
 *   `src`, a bundle host without Access-Control-Allow-Origin) and how to fix it (docs/embedding.md).
 * @csspart draft-notice - "Angaben wiederhergestellt" with the button to start afresh.
 * @csspart device-data - "Daten auf diesem Gerät löschen" and its confirmation.
 * @csspart account - The login bar (forms with `x-ozg.account`).
 * @csspart account-error - A login problem.
 * @csspart account-editor - Why no login is offered, for the editor ("Für die Redaktion").
 * @csspart account-expiry - The dialog before and at the end of the login.
 * @csspart drop-zone - Where files are dropped (file questions).
 * @csspart file-list - The chosen files of a file question.
 * @csspart upload-progress - Progress of the file uploads while sending.
 *
 * @cssproperty --ozg-color-primary - Buttons, links and the progress bar (default #0b4f8a).
 * @cssproperty --ozg-color-primary-contrast - Text on primary (default #fff).
 * @cssproperty --ozg-color-text - Text (default #1b1b1b).
 * @cssproperty --ozg-color-muted - Hints (default #4a4a4a).
 * @cssproperty --ozg-color-border - Borders of controls (default #6f6f6f).
 * @cssproperty --ozg-color-error - Errors (default #b3001b).
 * @cssproperty --ozg-color-focus - Focus ring (default #0f5fc2).
 * @cssproperty --ozg-color-surface - Background of panels (default #f3f5f8).
 * @cssproperty --ozg-font-family - Font (default: inherited from the page).
 * @cssproperty --ozg-radius - Corner radius (default 4px).
 * @cssproperty --ozg-max-width - Maximum width of the form (default 48rem).
 */
export class OzgForm extends OzgFormBase implements FormHost {
  static override styles = styles;

  private readonly pageTitle = new PageTitleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // Audit mode for editors (`audit` attribute or `?ozg-audit`): a lazy chunk with axe-core, never loaded otherwise.
    if (this.hasAttribute('audit') || new URLSearchParams(location.search).has('ozg-audit')) {
      void import('../audit/audit-mount.js').then((m) => m.mountAudit(this));
    }
  }

  /** On the review page the code for sending (and paying) is fetched ahead: confirmed on a train
   * that just lost its connection, the application then waits and retries like any send. */
  protected override goTo(index: number, focusHeading?: boolean): void {
    super.goTo(index, focusHeading);
    if (index >= this.steps.length) {
      if (this.fees) void import('../payment/ozg-payment.js').catch(() => undefined);
      void import('../submission/ozg-submission.js').catch(() => undefined);
    }
  }

  /** Sends the confirmed answers (or resumes a kept submission) through `<ozg-submission>`, whose
   * code arrives now. Only one submission per application: not again while one is on its way or sent. */
  protected override async send(request: SubmissionRequest | PaidApplication): Promise<void> {
    if (this.sending) return;
    this.sending = { ...request };
    const mod = await import('../submission/ozg-submission.js').catch(this.chunkFailed);
    if (!mod) return;
    const { OzgSubmission } = mod; // by name: the manifest's analyzer reads the tag from this call
    defineElement('ozg-submission', OzgSubmission);
    this.requestUpdate();
  }

  // ---- the person's actions ------------------------------------------------------------------------------

  /** The page shown now, 0-based as `ozg-step` counts them; the number of steps is the review page. */
  get currentStep(): number {
    return this.step;
  }

  /**
   * Shows step `index` (0-based; the number of steps is the review page) as "Zurück" does: the answers
   * stay, no error summary, "Weiter" leads on, and the step's heading takes focus unless `focus` is
   * false. Nothing is skipped for good: sending checks every step again. Ignored before the form is
   * shown, while it is sent and for an index it does not have.
   */
  showStep(index: number, { focus = true }: { focus?: boolean } = {}): void {
    if (!this.store || this.sending || !(index >= 0 && index <= this.steps.length)) return;
    this.returnToReview = false;
    this.goTo(index, focus);
  }

  /** Deletes the kept answers and starts the form again; the first step's heading takes focus. */
  discardDraft(): void {
    if (!this.store) return;
    this.askingDiscard = false;
    this.clearAnswers();
    this.goTo(0);
    this.drafts.discard();
    this.announce(t(this.effectiveLang, 'draftDiscarded'));
  }

  /** "Daten auf diesem Gerät löschen", confirmed: draft, files, records and the login go, the form
   * starts empty and the first step's heading takes focus. */
  async forgetDevice(): Promise<void> {
    if (!this.store) return;
    this.askingForget = false;
    this.renderRoot.querySelector('ozg-account')?.forgetOnDevice?.();
    this.clearAnswers();
    await this.drafts.forgetDevice();
    this.goTo(0);
    this.announce(t(this.effectiveLang, 'deviceForgotten'));
  }

  private askDiscard(asking: boolean): void {
    this.askingDiscard = asking;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(asking ? '#draft-discard-question' : '#draft-discard-open')?.focus(),
    );
  }

  private askForget(asking: boolean): void {
    this.askingForget = asking;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(asking ? '#device-data-question' : '#device-data-open')?.focus(),
    );
  }

  private async showSummary(errors: FieldError[]): Promise<void> {
    this.summary = errors;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** With an error summary shown, the step (on the review page: the whole form) is checked again
   * after an entry was removed, as "Weiter" would, without moving focus: its links named entries by
   * their place. Without one, the errors of the list's questions were cleared by the removal. */
  entryRemoved(): void {
    if (this.store && this.summary.length) this.summary = this.checkPage(this.store);
  }

  /** The errors of the page shown: a step's questions, or on the review page the whole definition,
   * cross-field rules included (the last check before the answers leave the form). */
  private checkPage(store: FormStore): FieldError[] {
    const review = this.step >= this.steps.length;
    return store.validateFields(review ? this.steps.flatMap((s) => s.fields) : this.steps[this.step].fields, review);
  }

  private async onNext(event: Event): Promise<void> {
    event.preventDefault();
    if (offersLogin(this.store) && !(await loginAllows(this.renderRoot, this.store))) return;
    const store = this.store;
    if (!store) return;
    await this.validationReady;
    const errors = this.checkPage(store);
    if (errors.length) {
      void this.showSummary(errors);
      return;
    }
    this.goTo(this.returnToReview ? this.steps.length : this.step + 1);
    this.returnToReview = false;
  }

  private onBack(): void {
    this.returnToReview = false;
    this.goTo(Math.max(0, this.step - 1));
  }

  private onChangeStep(index: number): void {
    this.returnToReview = true;
    this.confirmed = false;
    this.goTo(index);
  }

  /** From an error summary on the review page: open the step of the question and focus it. */
  private goToField(pointer: string): void {
    const top = tokens(pointer)[0];
    const index = this.steps.findIndex((step) => step.fields.includes(top));
    if (index >= 0 && index !== this.step) {
      this.returnToReview = this.step >= this.steps.length;
      this.step = index;
    }
    this.focusField(pointer);
  }

  private async onConfirm(): Promise<void> {
    if (offersLogin(this.store) && !(await loginAllows(this.renderRoot, this.store))) return;
    const store = this.store;
    if (!store) return;
    await this.validationReady;
    // (only the review page confirms: the whole definition is checked)
    const errors = this.checkPage(store);
    if (errors.length) {
      void this.showSummary(errors);
      return;
    }
    this.summary = [];
    this.drafts.flush();
    const data = store.visibleData();
    const proceed = emit(this, 'ozg-submit', { data });
    const fees = proceed && this.gateway && store.model.definition['x-ozg']?.fees ? await this.loadFees() : undefined;
    if (fees?.needsPayment(store, this.effectiveLang, this.gateway)) {
      void this.openPayment();
    } else if (proceed && this.gateway) {
      void this.send({ data });
    } else if (proceed) {
      this.confirmed = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus());
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override updated(): void {
    this.applyPendingFocus();
  }

  protected override render() {
    const lang = this.effectiveLang;
    const status = this.status;
    if (status.kind === 'error') return renderLoadProblem(status, lang);
    // A submission under way or sent shows its view as soon as its code has arrived, not the form first.
    if (
      status.kind !== 'ready' ||
      !this.store ||
      (this.sending && !customElements.get('ozg-submission')) ||
      (this.paying && !customElements.get('ozg-payment'))
    ) {
      return html`<p class="loading" role="status">${t(lang, 'loading')}</p>`;
    }
    const store = this.store;
    const definition = store.model.definition;
    const review = this.step >= this.steps.length;
    const titles = this.steps.map((s, i) => this.stepTitle(s, i));
    const description = text(definition, 'description', lang);
    // While sending and afterwards, the sending view or the receipt replaces the form.
    const submission = this.sending
      ? html`<ozg-submission .request=${this.sending}></ozg-submission>`
      : this.paying
        ? html`<ozg-payment></ozg-payment>`
        : undefined;
    // The login bar; while paying or sending it only keeps the login (the submission carries it).
    const login = offersLogin(store)
      ? html`<ozg-account .configUrl=${this.account} ?quiet=${!!submission}></ozg-account>`
      : nothing;
    const page: PageView = {
      store,
      steps: this.steps,
      index: this.step,
      lang,
      host: this,
      summary: store.reword(this.summary),
      stepTitle: (step, index) => titles[index] ?? this.stepTitle(step, index),
      goToField: (pointer) => this.goToField(pointer),
      onBack: () => this.onBack(),
    };
    // The review page's bill: for its fee table and for what its button leads to.
    const bill = review ? this.fees?.feesOf(store, lang) : undefined;
    // A definition without a title (the checker asks for one) gets no empty heading.
    const formTitle = text(definition, 'title', lang);
    return html`<div class="ozg" lang=${lang}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</div>
      ${formTitle ? html`<h2 class="form-title" part="title">${formTitle}</h2>` : nothing}
      ${submission ? login : nothing}
      ${
        submission ??
        html`${description && this.step === 0 ? html`<p class="form-description">${description}</p>` : nothing}
        ${
          this.drafts.renderNotice(lang, {
            asking: this.askingDiscard,
            ask: () => this.askDiscard(true),
            cancel: () => this.askDiscard(false),
            confirm: () => this.discardDraft(),
          }) ?? nothing
        }
        ${login} ${renderStepIndicator(this.steps.length > 1 ? titles : [], this.step, lang)}
        ${
          review
            ? renderReviewPage({
                ...page,
                confirmed: this.confirmed,
                // What the button leads to: the payment step, sending, or (without a gateway) the page's
                // own handling of ozg-submit.
                confirmLabel: this.fees?.paysNow(bill, this.gateway)
                  ? this.fees.toPaymentLabel(lang)
                  : t(lang, this.gateway ? 'send' : 'confirm'),
                onConfirm: () => void this.onConfirm(),
                onChangeStep: (i) => this.onChangeStep(i),
                fees: this.fees?.renderFees(bill, lang, !!this.gateway),
              })
            : renderStepPage({ ...page, returnToReview: this.returnToReview, onNext: (e) => void this.onNext(e) })
        }
        ${renderDeviceData({
          lang,
          asking: this.askingForget,
          ask: () => this.askForget(true),
          cancel: () => this.askForget(false),
          confirm: () => void this.forgetDevice(),
        })}`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-form': OzgForm;
  }
}
