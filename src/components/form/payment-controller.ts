import { css, html, nothing, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { computeFees, formatAmount, type FeeResult } from '../../schemas/fees.js';
import { checkFees } from '../../schemas/check-fees.js';
import type { FormStore } from '../../schemas/store.js';
import type { Answers } from '../../schemas/data.js';
import type { Lang } from '../../schemas/types.js';
import {
  createPaymentKey, PaymentClient, PaymentError, toMetadataPaymentInformation, type PaymentInformation, type PaymentView,
} from '../../modules/payment/index.js';
import type { DraftController } from './draft-controller.js';
import { paymentRecords, type PaymentRecord } from '../../modules/storage/records.js';
import { pt } from './payment-texts.js';
import { problemText, type GatewayProblem } from '../submission/problem-texts.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'step'; busy?: 'redirecting' | 'checking'; view?: PaymentView; problem?: 'canceled' | 'failed' | 'open' | 'unavailable' | GatewayProblem };

/** What a paid (or, for an optional fee, deliberately unpaid) application hands on to sending. */
export interface PaidApplication {
  data: Answers;
  payment?: { information: PaymentInformation; total: number };
}

export interface PaymentHost extends ReactiveControllerHost {
  readonly gateway?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface PaymentOptions {
  store: () => FormStore | undefined;
  lang: () => Lang;
  drafts: DraftController;
  backToReview: () => void;
  /** Paid (PAYED at the provider) or, for an optional fee, sent without paying: send the application. */
  paid: (application: PaidApplication) => void;
}

const styles: CSSResult = css`
  .fees { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
  .fees caption { text-align: start; font-weight: 700; font-size: 1.125rem; margin-bottom: 0.25rem; }
  .fees th, .fees td { text-align: start; padding: 0.375rem 0.5rem 0.375rem 0; border-bottom: 1px solid var(--_border, #6f6f6f); vertical-align: top; }
  .fees .num { text-align: end; }
  .fees td.num { white-space: nowrap; }
  /* Long German compounds must not push a 320 px screen sideways (WCAG 1.4.10). */
  .fees td:first-child, .fees th { overflow-wrap: anywhere; hyphens: auto; }
  .fees tfoot th, .fees tfoot td { font-weight: 700; border-bottom: 0; }
  .payment .problem { border-left-color: var(--_error, #b3001b); }
`;

/**
 * The fee of a form: the fee lines on the review page, and the payment step between confirming and
 * sending (XBezahldienste through the gateway). Loaded only for forms with `x-ozg.fees`. Only PAYED,
 * as the gateway reads it from the provider, lets the application go on; the return URL's query is
 * never read.
 */
export class PaymentController implements ReactiveController {
  phase: Phase = { kind: 'idle' };
  private store?: FormStore;
  private client?: PaymentClient;

  constructor(private readonly host: PaymentHost, private readonly opts: PaymentOptions) {
    host.addController(this);
    const root = host.renderRoot as ShadowRoot;
    if (root.adoptedStyleSheets && styles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
  }

  private readonly onPageShow = (event: PageTransitionEvent): void => {
    // Back from the provider through the browser's back/forward cache: the page was not reloaded.
    if (event.persisted && this.phase.kind === 'step') void this.check();
  };

  hostConnected(): void {
    window.addEventListener('pageshow', this.onPageShow);
  }

  hostDisconnected(): void {
    window.removeEventListener('pageshow', this.onPageShow);
  }

  // ---- storage ------------------------------------------------------------------------------

  private read(): PaymentRecord | undefined {
    return this.store && paymentRecords.read(this.store.model.id);
  }

  /** Storage off: paying still works, a reload just cannot find the transaction again. */
  private write(record: PaymentRecord): void {
    if (this.store) paymentRecords.write(this.store.model.id, record);
  }

  /** The application was sent or discarded: the next one is a new payment. */
  forget(): void {
    if (!this.store) return;
    paymentRecords.forget(this.store.model.id);
    this.set({ kind: 'idle' });
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  hostUpdate(): void {
    const store = this.opts.store();
    if (store === this.store) return;
    this.store = store;
    this.phase = { kind: 'idle' };
    const mistakes = store ? checkFees(store.model.definition as Record<string, unknown>) : [];
    // For the author: a fee rule that points nowhere would bill nothing for it.
    if (mistakes.length) console.error(`ozg-form: x-ozg.fees:\n${mistakes.map((p) => `${p.pointer}: ${p.message.en}`).join('\n')}`);
    if (!store || !this.host.gateway) return;
    this.client = new PaymentClient(this.host.gateway);
    // Back from the provider (or a reload, or a second tab): ask for the real status.
    if (this.read()?.redirected) {
      this.phase = { kind: 'step', busy: 'checking' };
      queueMicrotask(() => void this.check());
    }
  }

  private set(phase: Phase, focus = false): void {
    this.phase = phase;
    this.host.requestUpdate();
    if (focus) {
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('#payment-title')?.focus());
    }
  }

  /** The bill for the current answers. */
  fees(): FeeResult | undefined {
    const store = this.store ?? this.opts.store();
    return store ? computeFees(store.model.definition, store.visibleData(), this.opts.lang()) : undefined;
  }

  /** Whether confirming leads to the payment step (a fee due now or optionally now, and a gateway). */
  needsPayment(): boolean {
    const fees = this.fees();
    return !!this.host.gateway && !!fees && fees.policy !== 'deferred' && fees.total > 0;
  }

  /** The person confirmed the review page and a fee is due: show the payment step. */
  begin(): void {
    this.set({ kind: 'step' }, true);
  }

  // ---- paying ------------------------------------------------------------------------------

  private pay = async (): Promise<void> => {
    const store = this.store;
    const fees = this.fees();
    if (!store || !fees || !this.client || (this.phase.kind === 'step' && this.phase.busy)) return;
    const record = this.read() ?? { v: 1, key: createPaymentKey() };
    this.write(record);
    // After AMOUNT_MISMATCH the person was shown the gateway's amount and goes on with it.
    const p = this.phase.kind === 'step' ? this.phase.problem : undefined;
    const expectedTotal = typeof p === 'object' && p.code === 'AMOUNT_MISMATCH' && typeof p.total === 'number' ? p.total : fees.total;
    this.set({ kind: 'step', busy: 'redirecting' });
    try {
      const view = await this.client.start({
        idempotencyKey: record.key, formId: store.model.id, answers: store.visibleData(), expectedTotal,
        redirectUrl: location.href.replace(/#.*$/, ''), lang: this.opts.lang(),
      });
      this.outcome(view, true);
    } catch (error) {
      this.failed(error);
    }
  };

  private check = async (): Promise<void> => {
    const record = this.read();
    if (!record || !this.client) return this.set({ kind: 'step' }, true);
    this.set({ kind: 'step', busy: 'checking' });
    try {
      this.outcome(await this.client.status(record.key, this.opts.lang()), false);
    } catch (error) {
      if (error instanceof PaymentError && error.status === 404) return this.set({ kind: 'step' }, true);
      this.failed(error);
    }
  };

  private outcome(view: PaymentView, started: boolean): void {
    const record = this.read();
    if (view.status === 'PAYED') {
      if (record) this.write({ ...record, redirected: false });
      this.set({ kind: 'step', view });
      if (this.store) this.opts.paid({ data: this.store.visibleData(), payment: { information: toMetadataPaymentInformation(view), total: view.total } });
      return;
    }
    if (view.status === 'INITIAL' && started && view.redirectUrl) {
      if (record) this.write({ ...record, redirected: true });
      this.opts.drafts.flush();
      location.assign(view.redirectUrl);
      return;
    }
    const problem = view.status === 'CANCELED' ? 'canceled' : view.status === 'FAILED' ? 'failed' : 'open';
    this.set({ kind: 'step', view, problem }, true);
  }

  private failed(error: unknown): void {
    console.error('ozg-form: payment', error);
    let problem: Extract<Phase, { kind: 'step' }>['problem'];
    // The gateway's words (`detail`) are for developers; the form says it in the person's language.
    if (error instanceof PaymentError && (!error.retryable || error.status === 429)) {
      problem = { status: error.status, code: error.problem.code, total: error.problem.total, retryAfter: error.retryAfter };
    } else problem = 'unavailable';
    this.set({ kind: 'step', problem }, true);
  }

  private later = (): void => {
    this.forget();
    if (this.store) this.opts.paid({ data: this.store.visibleData() });
  };

  private back = (): void => {
    const record = this.read();
    if (record) this.write({ ...record, redirected: false });
    this.set({ kind: 'idle' });
    this.opts.backToReview();
  };

  // ---- rendering ------------------------------------------------------------------------------

  /** The fee lines and the total; on the review page and in the payment step. */
  renderFees(lang: Lang, withPolicy = true) {
    const fees = this.fees();
    if (!fees) return nothing;
    const policy = { 'before-submission': 'feesBefore', optional: 'feesOptional', deferred: 'feesDeferred' } as const;
    return html`<section class="fees-summary" part="fees">
      ${fees.lines.length === 0
        ? html`<h4>${pt(lang, 'feesTitle')}</h4><p>${pt(lang, 'feesNone')}</p>`
        : html`<table class="fees">
            <caption>${pt(lang, 'feesTitle')}</caption>
            <thead><tr>
              <th scope="col">${pt(lang, 'feeItem')}</th><th scope="col" class="num">${pt(lang, 'feeQuantity')}</th>
              <th scope="col" class="num">${pt(lang, 'feeAmount')}</th>
            </tr></thead>
            <tbody>${fees.lines.map((l) => html`<tr>
              <td>${l.description}</td><td class="num">${l.quantity}</td><td class="num">${formatAmount(l.amount, lang)}</td>
            </tr>`)}</tbody>
            <tfoot><tr><th scope="row" colspan="2">${pt(lang, 'feeTotal')}</th><td class="num fees-total">${formatAmount(fees.total, lang)}</td></tr></tfoot>
          </table>
          ${withPolicy && this.host.gateway ? html`<p>${pt(lang, policy[fees.policy])}</p>` : nothing}`}
    </section>`;
  }

  /** The payment step, which replaces the form; undefined while the form is shown. */
  render(lang: Lang) {
    const phase = this.phase;
    if (phase.kind === 'idle') return undefined;
    const fees = this.fees();
    const amount = formatAmount(fees?.total ?? 0, lang);
    const optional = fees?.policy === 'optional';
    const p = phase.problem;
    const problem = (title: string, hint: string) => html`<div class="notice problem" role="alert"><p><strong>${title}</strong></p><p>${hint}</p></div>`;
    const retry = p === 'canceled' || p === 'failed' || p === 'unavailable' || typeof p === 'object';
    const changed = typeof p === 'object' && p.code === 'AMOUNT_MISMATCH';
    return html`<section class="payment" part="payment" aria-labelledby="payment-title" aria-busy=${phase.busy ? 'true' : 'false'}>
      <h3 id="payment-title" class="step-title" tabindex="-1">${pt(lang, 'payTitle')}</h3>
      <div role="status" aria-live="polite">
        ${phase.busy ? html`<p class="notice">${pt(lang, phase.busy === 'checking' ? 'payChecking' : 'payRedirecting')}</p>` : nothing}
        ${phase.view?.status === 'PAYED'
          ? html`<p class="notice success">${pt(lang, 'payPaid', { amount: formatAmount(phase.view.total, lang), reference: phase.view.transactionReference ?? '' })}</p>`
          : nothing}
      </div>
      ${p === 'canceled' ? problem(pt(lang, 'payCanceled'), pt(lang, 'payRetryHint')) : nothing}
      ${p === 'failed' ? problem(pt(lang, 'payFailed'), pt(lang, 'payRetryHint')) : nothing}
      ${p === 'unavailable' ? problem(pt(lang, 'payUnavailable'), pt(lang, 'payUnavailableHint')) : nothing}
      ${changed ? problem(pt(lang, 'payAmountChanged'), problemText(lang, p)) : nothing}
      ${typeof p === 'object' && !changed ? problem(pt(lang, 'payRejected'), problemText(lang, p)) : nothing}
      ${p === 'open' ? problem(pt(lang, 'payOpen'), pt(lang, 'payOpenHint')) : nothing}
      ${!p && !phase.busy && phase.view?.status !== 'PAYED' ? html`<p>${pt(lang, optional ? 'payOptionalIntro' : 'payIntro')}</p>` : nothing}
      ${this.renderFees(lang, false)}
      ${phase.busy || phase.view?.status === 'PAYED' ? nothing : html`<div class="actions">
        ${p === 'open'
          ? html`<button type="button" class="primary" part="button button-primary" @click=${this.pay}>${pt(lang, 'payContinue')}</button>
              <button type="button" class="secondary" part="button" @click=${this.check}>${pt(lang, 'payCheckAgain')}</button>`
          : html`<button type="button" class="primary" part="button button-primary" @click=${this.pay}>
              ${retry ? pt(lang, 'payRetry') : pt(lang, 'payNow', { amount })}</button>`}
        ${optional ? html`<button type="button" class="secondary" part="button" @click=${this.later}>${pt(lang, 'payLater')}</button>` : nothing}
        <button type="button" class="secondary" part="button" @click=${this.back}>${pt(lang, 'payBack')}</button>
      </div>`}
    </section>`;
  }
}
