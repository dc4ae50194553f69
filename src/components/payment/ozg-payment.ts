import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { formatAmount } from '../../schemas/fees.js';
import type { Answers } from '../../schemas/data.js';
import {
  PaymentClient,
  PaymentError,
  toMetadataPaymentInformation,
  type ExtraPayment,
  type PaymentInformation,
  type PaymentView,
} from '../../modules/payment/index.js';
import { paymentRecords, type PaymentRecord } from '../../modules/storage/records.js';
import { emit, type PaymentEnd } from '../events.js';
import { formContext, type FormContext } from '../form/context.js';
import type { Failure } from '../../modules/retry.js';
import { renderEditorNote, reportToEditor } from '../diagnosis.js';
import { gatewayCitizenText, gatewayEditorText } from '../submission/gateway-diagnosis.js';
import {
  needsReload,
  problemText,
  reloadButton,
  stopReason,
  type GatewayProblem,
  type StopReason,
} from '../submission/problem-texts.js';
import { feesOf, renderFees, type Bill } from './payment-fees.js';
import { feeText, pt } from './payment-texts.js';

type Phase = {
  busy?: 'redirecting' | 'checking';
  view?: PaymentView;
  problem?: 'canceled' | 'failed' | 'open' | 'unavailable' | 'offline' | Exclude<StopReason, string>;
};

/** What a paid (or, for an optional fee, deliberately unpaid) application hands on to sending. */
export interface PaidApplication {
  data: Answers;
  /** `key`: the application's payment key (the receipt asks with it whether it was paid once more);
   * `extra`: other attempts of it paid (another window), to be refunded. */
  payment?: { information: PaymentInformation; total: number; key?: string; extra?: ExtraPayment[] };
}

/**
 * The payment step between confirming and sending (XBezahldienste through the gateway), inside
 * `<ozg-form>`, which defines it on first need for forms with `x-ozg.fees`. Only PAYED, as the
 * gateway reads it from the provider, lets the application go on; the return URL's query is never read.
 *
 * @summary Payment step of an application (inside `<ozg-form>`).
 *
 * @event ozg-payment - `detail: { outcome }`: `paid`, `skipped` (an optional fee, sent without paying) or
 *   `back` (to the review page). The payment itself goes to the form through its context
 *   (`paymentEnded`).
 *
 * @csspart payment - The payment step.
 * @csspart fees - The fee lines and the total.
 * @csspart button - Every button.
 * @csspart button-primary - "Jetzt bezahlen".
 */
export class OzgPayment extends LitElement {
  static override properties = { phase: { state: true } };

  declare phase: Phase;
  private client?: PaymentClient;
  /** Why the retry loop gave up last. */
  private gaveUp?: Failure;
  private readonly context = new ContextConsumer(this, { context: formContext, subscribe: true });

  /** Renders into the form's own shadow root (no shadow root of its own): the form's styles apply, and
   * pages, tests and tools that look into `<ozg-form>` find the same structure as before. */
  protected override createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.phase = {};
  }

  private get ctx(): FormContext {
    const ctx = this.context.value;
    if (!ctx) throw new Error('ozg-payment: used outside <ozg-form>');
    return ctx;
  }

  private get formId(): string {
    return this.ctx.store.model.id;
  }

  private readonly onPageShow = (event: PageTransitionEvent): void => {
    // Back from the provider through the browser's back/forward cache: the page was not reloaded.
    if (event.persisted) void this.check();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pageshow', this.onPageShow);
    if (this.client || !this.context.value?.gateway) return;
    this.client = new PaymentClient(this.ctx.gateway!, undefined, { onGiveUp: (f) => (this.gaveUp = f) });
    // Back from the provider (or a reload, or a second tab): ask for the real status.
    if (this.read()?.redirected) {
      this.phase = { busy: 'checking' };
      queueMicrotask(() => void this.check());
    } else {
      this.set({}, true);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pageshow', this.onPageShow);
  }

  private read(): PaymentRecord | undefined {
    return paymentRecords.read(this.formId);
  }

  /** Storage off: paying still works, a reload just cannot find the transaction again. */
  private write(record: PaymentRecord): void {
    paymentRecords.write(this.formId, {
      ...record,
      savedAt: new Date().toISOString(),
      days: this.ctx.drafts.storage?.days,
    });
  }

  private set(phase: Phase, focus = false): void {
    this.phase = phase;
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#payment-title')?.focus());
  }

  private fees(): Bill | undefined {
    return feesOf(this.ctx.store, this.ctx.lang);
  }

  // ---- paying ------------------------------------------------------------------------------

  private pay = async (): Promise<void> => {
    const { store } = this.ctx;
    const fees = this.fees();
    if (!fees || !this.client || this.phase.busy) return;
    const record = this.read() ?? { v: 1, key: this.ctx.applicationId };
    this.write(record);
    // After AMOUNT_MISMATCH the person was shown the gateway's amount and goes on with it.
    const p = this.phase.problem as GatewayProblem | undefined;
    const expectedTotal =
      typeof p === 'object' && p.code === 'AMOUNT_MISMATCH' && typeof p.total === 'number' ? p.total : fees.total;
    this.set({ busy: 'redirecting' });
    try {
      const view = await this.client.start({
        idempotencyKey: record.key,
        formId: store.model.id,
        answers: store.visibleData(),
        expectedTotal,
        redirectUrl: location.href.replace(/#.*$/, ''),
        lang: this.ctx.lang,
        ...(store.model.published ? { definitionHash: store.model.published.hash } : {}),
      });
      this.outcome(view, true);
    } catch (error) {
      this.failed(error);
    }
  };

  private check = async (): Promise<void> => {
    const record = this.read();
    if (!record || !this.client) return this.set({}, true);
    this.set({ busy: 'checking' });
    try {
      this.outcome(await this.client.status(record.key, this.ctx.lang), false);
    } catch (error) {
      if (error instanceof PaymentError && error.status === 404) return this.set({}, true);
      this.failed(error);
    }
  };

  private outcome(view: PaymentView, started: boolean): void {
    const record = this.read();
    if (view.status === 'PAYED') {
      if (record) this.write({ ...record, redirected: false });
      this.set({ view });
      this.ended({
        outcome: 'paid',
        payment: {
          information: toMetadataPaymentInformation(view),
          total: view.total,
          ...(record ? { key: record.key } : {}),
          ...(view.extraPaid?.length ? { extra: view.extraPaid } : {}),
        },
      });
      return;
    }
    if (view.status === 'INITIAL' && started && view.redirectUrl) {
      if (record) this.write({ ...record, redirected: true });
      // The answers paid for must come back from the provider: written now, also when nothing was
      // pending (answers a page set through `data` after the last save).
      this.ctx.drafts.save();
      location.assign(view.redirectUrl);
      return;
    }
    const problem = view.status === 'CANCELED' ? 'canceled' : view.status === 'FAILED' ? 'failed' : 'open';
    this.set({ view, problem }, true);
  }

  private failed(error: unknown): void {
    const reason = stopReason(error, this.gaveUp, '');
    this.gaveUp = undefined;
    let problem: Phase['problem'];
    if (typeof reason === 'object' && 'diagnosis' in reason) {
      // A configuration mistake: no point in trying again; the editor learns what to fix.
      reportToEditor(gatewayEditorText('en', reason.diagnosis));
      return this.set({ problem: reason }, true);
    }
    console.error('ozg-form: payment', error);
    // The gateway's words (`detail`) are for developers; the form says it in the person's language.
    if (error instanceof PaymentError && (!error.retryable || error.status === 429)) {
      problem = {
        status: error.status,
        code: error.problem.code,
        total: error.problem.total,
        retryAfter: error.retryAfter,
      };
    } else problem = navigator.onLine === false ? 'offline' : 'unavailable';
    this.set({ problem }, true);
  }

  private later = (): void => {
    paymentRecords.forget(this.formId);
    this.ended({ outcome: 'skipped' });
  };

  /** Tells the form (the payment, through its context) and the page (the outcome only: the payment key
   * and information stay out of an event every listener of the page sees). */
  private ended(end: PaymentEnd): void {
    this.ctx.paymentEnded(end);
    emit(this, 'ozg-payment', { outcome: end.outcome });
  }

  private back = (): void => {
    const record = this.read();
    if (record) this.write({ ...record, redirected: false });
    this.ended({ outcome: 'back' });
  };

  /** The payment step, which replaces the questions. */
  protected override render() {
    const phase = this.phase;
    if (!this.context.value) return nothing;
    const lang = this.ctx.lang;
    const fees = this.fees();
    const amount = formatAmount(fees?.total ?? 0, lang);
    const optional = fees?.policy === 'optional';
    const p = phase.problem;
    const problem = (title: string, hint: string) =>
      html`<div class="notice problem" role="alert">
        <p><strong>${title}</strong></p>
        <p>${hint}</p>
      </div>`;
    const diagnosis = typeof p === 'object' && 'diagnosis' in p ? p.diagnosis : undefined;
    const refusal = typeof p === 'object' && !diagnosis ? (p as GatewayProblem) : undefined;
    const retry = p === 'canceled' || p === 'failed' || p === 'unavailable' || p === 'offline' || typeof p === 'object';
    const changed = refusal?.code === 'AMOUNT_MISMATCH';
    return html`<section
      class="payment"
      part="payment"
      aria-labelledby="payment-title"
      aria-busy=${phase.busy ? 'true' : 'false'}
    >
      <h3 id="payment-title" class="step-title" tabindex="-1">${feeText(fees, lang, 'payTitle')}</h3>
      <div role="status" aria-live="polite">
        ${phase.busy ? html`<p class="notice">${pt(lang, phase.busy === 'checking' ? 'payChecking' : 'payRedirecting')}</p>` : nothing}
        ${
          phase.view?.status === 'PAYED'
            ? html`<p class="notice success">
                ${pt(lang, 'payPaid', { amount: formatAmount(phase.view.total, lang), reference: phase.view.transactionReference ?? '' })}
              </p>`
            : nothing
        }
      </div>
      ${p === 'canceled' ? problem(pt(lang, 'payCanceled'), pt(lang, 'payRetryHint')) : nothing}
      ${p === 'failed' ? problem(pt(lang, 'payFailed'), pt(lang, 'payRetryHint')) : nothing}
      ${p === 'unavailable' ? problem(pt(lang, 'payUnavailable'), pt(lang, 'payUnavailableHint')) : nothing}
      ${p === 'offline' ? problem(pt(lang, 'payOffline'), pt(lang, 'payOfflineHint')) : nothing}
      ${changed ? problem(pt(lang, 'payAmountChanged'), problemText(lang, refusal)) : nothing}
      ${refusal && !changed ? problem(pt(lang, 'payRejected'), problemText(lang, refusal)) : nothing}
      ${
        diagnosis
          ? html`${problem(pt(lang, 'payRejected'), gatewayCitizenText(lang, diagnosis, optional ? 'pay-optional' : 'pay'))}
            ${renderEditorNote(lang, gatewayEditorText(lang, diagnosis))}`
          : nothing
      }
      ${p === 'open' ? problem(pt(lang, 'payOpen'), pt(lang, 'payOpenHint')) : nothing}
      ${!p && !phase.busy && phase.view?.status !== 'PAYED' ? html`<p>${feeText(fees, lang, optional ? 'payOptionalIntro' : 'payIntro')}</p>` : nothing}
      ${renderFees(fees, lang, false)}
      ${
        phase.busy || phase.view?.status === 'PAYED'
          ? nothing
          : html`<div class="actions">
              ${
                p === 'open'
                  ? html`<button type="button" class="primary" part="button button-primary" @click=${this.pay}>
                        ${pt(lang, 'payContinue')}
                      </button>
                      <button type="button" class="secondary" part="button" @click=${this.check}>
                        ${pt(lang, 'payCheckAgain')}
                      </button>`
                  : needsReload(refusal)
                    ? reloadButton(lang)
                    : html`<button type="button" class="primary" part="button button-primary" @click=${this.pay}>
                        ${retry ? pt(lang, 'payRetry') : pt(lang, 'payNow', { amount })}
                      </button>`
              }
              ${optional ? html`<button type="button" class="secondary" part="button" @click=${this.later}>${feeText(fees, lang, 'payLater')}</button>` : nothing}
              <button type="button" class="secondary" part="button" @click=${this.back}>${pt(lang, 'payBack')}</button>
            </div>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-payment': OzgPayment;
  }
}
