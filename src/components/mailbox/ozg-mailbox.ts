import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { CaseMessage, CaseOverview, ReturnChannelClient } from '../../modules/return-channel/client.js';
import { formatDate, resolveLang } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';
import { emit } from '../events.js';
import { styles } from './ozg-mailbox.styles.js';
import { mt, type MailboxTextKey } from './texts.js';
import { renderMessage } from './message.js';

type Words = (key: MailboxTextKey) => string;
const STEP_TEXTS: Record<string, MailboxTextKey> = {
  submitted: 'stepSubmitted',
  forwarded: 'stepForwarded',
  accepted: 'stepAccepted',
  rejected: 'stepRejected',
};
import { buildTimeline, classifyError, type LoadProblem } from './timeline.js';
import { gatewayApi } from '../../modules/gateway.js';

type View =
  | { kind: 'loading' }
  /** Opened without a link (from the site's menu): what the page is for, not an error. */
  | { kind: 'no-link' }
  | { kind: 'problem'; problem: LoadProblem }
  | { kind: 'ready'; overview: CaseOverview; messages: CaseMessage[] };

const MAX_REPLY = 5000;

/**
 * The applicant's mailbox for one case: status, messages, the Bescheid and a reply form, reached through
 * the capability link of the acknowledgement of receipt (`…#case=<id>&secret=<secret>`). Only status
 * events with a valid signature are shown.
 *
 * @summary Status, messages and Bescheid of a submitted application (return channel).
 *
 * @attr gateway - Base URL of the gateway API (default `/gateway/v1`).
 * @attr case - The case id. Default: `case` from the page's URL fragment.
 * @attr secret - The case secret. Default: `secret` from the URL fragment (a fragment is never sent to a server).
 * @attr lang - `de` or `en`; default: the nearest `lang` of the page, else German.
 *
 * @event ozg-error - The case could not be loaded. `detail: { message, problems: [] }`.
 *
 * @csspart heading - The element's main heading.
 * @csspart timeline - The status list.
 * @csspart message - One message.
 * @csspart bescheid - A Bescheid among the messages (also part "message"): subject, text and download.
 * @csspart button - Every button.
 * @csspart reply - The reply form.
 *
 * @cssproperty --ozg-color-primary - Buttons and the current step (default #0b4f8a).
 * @cssproperty --ozg-color-primary-contrast - Text on primary (default #fff).
 * @cssproperty --ozg-color-text - Text (default #1b1b1b).
 * @cssproperty --ozg-color-muted - Hints (default #4a4a4a).
 * @cssproperty --ozg-color-border - Borders (default #6f6f6f).
 * @cssproperty --ozg-color-error - Errors (default #b3001b).
 * @cssproperty --ozg-color-focus - Focus ring (default #0f5fc2).
 * @cssproperty --ozg-color-surface - Panels (default #f3f5f8).
 * @cssproperty --ozg-font-family - Font (default: inherited).
 * @cssproperty --ozg-radius - Corner radius (default 4px).
 */
export class OzgMailbox extends LitElement {
  static override styles = styles;

  static override properties = {
    gateway: { type: String },
    caseId: { type: String, attribute: 'case' },
    secret: { type: String },
    language: { type: String, attribute: 'lang' },
    view: { state: true },
    replyText: { state: true },
    replyError: { state: true },
    sending: { state: true },
    downloadError: { state: true },
    announcement: { state: true },
  };

  declare gateway: string;
  declare caseId?: string;
  declare secret?: string;
  declare language?: string;
  declare view: View;
  declare replyText: string;
  /** Text keys, worded at render time: a language switch re-words a message already shown. */
  declare replyError: MailboxTextKey | '';
  declare sending: boolean;
  declare downloadError: MailboxTextKey | '';
  declare announcement: MailboxTextKey | '';

  private client?: ReturnChannelClient;
  private loadToken = 0;
  private focusHeadingAfterLoad = false;
  private readonly onHashChange = () => {
    if (!this.caseId || !this.secret) void this.load();
  };

  constructor() {
    super();
    this.gateway = '/gateway/v1';
    this.view = { kind: 'loading' };
    this.replyText = '';
    this.replyError = '';
    this.sending = false;
    this.downloadError = '';
    this.announcement = '';
  }

  override get lang(): string {
    return this.getAttribute('lang') ?? '';
  }
  override set lang(value: string) {
    this.setAttribute('lang', value);
  }

  private get effectiveLang(): Lang {
    return resolveLang(this.language, this.parentElement ?? undefined);
  }
  private get t(): Words {
    const lang = this.effectiveLang;
    return (key) => mt(lang, key);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('gateway') || changed.has('caseId') || changed.has('secret')) void this.load();
  }

  /** Case id and secret from the attributes, else from the URL fragment (#case=…&secret=…). */
  private credentials(): { caseId: string; secret: string } | undefined {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const caseId = this.caseId || fragment.get('case') || '';
    const secret = this.secret || fragment.get('secret') || '';
    return caseId && secret ? { caseId, secret } : undefined;
  }

  /** (Re)loads status and messages. */
  async load(): Promise<void> {
    const token = ++this.loadToken;
    this.client = undefined;
    const creds = this.credentials();
    if (!creds) {
      const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
      const anyPart = this.caseId || this.secret || fragment.has('case') || fragment.has('secret');
      if (anyPart) this.fail('not-found');
      else this.view = { kind: 'no-link' };
      return;
    }
    this.view = { kind: 'loading' };
    try {
      const { ReturnChannelClient } = await import('../../modules/return-channel/client.js');
      const client = new ReturnChannelClient({
        api: gatewayApi(this.gateway, document.baseURI),
        caseId: creds.caseId,
        caseSecret: creds.secret,
      });
      const [overview, messages] = await Promise.all([client.overview(), client.messages()]);
      if (token !== this.loadToken) return;
      this.client = client;
      this.view = { kind: 'ready', overview, messages };
    } catch (error) {
      if (token === this.loadToken) this.fail(classifyError(error));
      return;
    }
    if (this.focusHeadingAfterLoad) {
      this.focusHeadingAfterLoad = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
    }
  }

  private fail(problem: LoadProblem): void {
    this.view = { kind: 'problem', problem };
    const t = this.t;
    emit(this, 'ozg-error', {
      message: problem === 'not-found' ? t('notFound') : problem === 'network' ? t('network') : t('failed'),
      problems: [],
    });
    if (this.focusHeadingAfterLoad) {
      this.focusHeadingAfterLoad = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.problem')?.focus());
    }
  }

  private retry(): void {
    this.focusHeadingAfterLoad = true;
    void this.load();
  }

  private async download(message: CaseMessage): Promise<void> {
    if (!this.client) return;
    this.downloadError = '';
    try {
      const blob = await this.client.downloadDocument(message.id);
      const url = URL.createObjectURL(
        blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = /\.pdf$/i.test(message.filename ?? '') ? message.filename! : 'bescheid.pdf';
      a.rel = 'noopener';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch {
      this.downloadError = 'downloadFailed';
    }
  }

  private async sendReply(event: Event): Promise<void> {
    event.preventDefault();
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply')!;
    const text = this.replyText.trim();
    this.announcement = '';
    if (!text) {
      this.replyError = 'replyEmpty';
      field.focus();
      return;
    }
    if (!this.client || this.sending) return;
    this.replyError = '';
    this.sending = true;
    try {
      await this.client.reply(text.slice(0, MAX_REPLY));
      this.replyText = '';
      const messages = await this.client.messages().catch(() => undefined);
      if (messages && this.view.kind === 'ready') this.view = { ...this.view, messages };
      this.announcement = 'sent';
    } catch {
      this.replyError = 'replyFailed';
    } finally {
      this.sending = false;
    }
    await this.updateComplete;
    field.focus();
  }

  protected override render() {
    const lang = this.effectiveLang;
    const t = this.t;
    return html`<section class="mailbox" lang=${lang} aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${t('title')}</h2>
      ${this.view.kind === 'loading' ? html`<p class="loading">${t('loading')}</p>` : nothing}
      ${
        this.view.kind === 'no-link'
          ? html`<p>${t('noLink')}</p>
              <p>${t('noLinkHint')}</p>`
          : nothing
      }
      ${this.view.kind === 'problem' ? this.renderProblem(this.view.problem, t) : nothing}
      ${this.view.kind === 'ready' ? this.renderCase(this.view, t, lang) : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement && t(this.announcement)}</p>
    </section>`;
  }

  private renderProblem(problem: LoadProblem, t: Words) {
    const text = problem === 'not-found' ? t('notFound') : problem === 'network' ? t('network') : t('failed');
    return html`<div class="problem" role="alert" tabindex="-1">
      <p class="problem-title">${text}</p>
      ${
        problem === 'not-found'
          ? html`<p>${t('notFoundHint')}</p>`
          : html`<button type="button" part="button" @click=${() => this.retry()}>${t('retry')}</button>`
      }
    </div>`;
  }

  private renderCase(view: Extract<View, { kind: 'ready' }>, t: Words, lang: Lang) {
    const { overview, messages } = view;
    const caseId = this.credentials()?.caseId ?? '';
    const steps = buildTimeline(overview.events, overview.status);
    const stepLabel = (key: string) =>
      key === 'decision' ? t('decision') : STEP_TEXTS[key] ? t(STEP_TEXTS[key]) : key;
    const currentStep = steps.find((s) => s.current);
    const reasons =
      overview.status === 'rejected'
        ? overview.problems
            .map((p) =>
              p && typeof p === 'object' && typeof (p as { detail?: unknown }).detail === 'string'
                ? (p as { detail: string }).detail
                : '',
            )
            .filter(Boolean)
        : [];
    return html` <p class="case-id">${t('caseId')}: <span class="mono">${caseId}</span></p>
      <h3>${t('status')}</h3>
      ${
        currentStep
          ? html`<p class="current">
              ${t('current')}:
              <strong>${stepLabel(currentStep.key)}</strong>
              ${currentStep.at ? html`(${t('since')} ${formatDate(lang, currentStep.at)})` : nothing}
            </p>`
          : nothing
      }
      ${reasons.length ? html`<p>${t('reason')}: ${reasons.join(' ')}</p>` : nothing}
      <h4 class="visually-hidden">${t('timeline')}</h4>
      <ol class="timeline" part="timeline">
        ${steps.map(
          (s) =>
            html`<li
              class=${s.current ? 'step current' : s.at ? 'step done' : 'step open'}
              aria-current=${s.current ? 'step' : nothing}
            >
              <span class="step-label">${stepLabel(s.key)}</span>
              <span class="step-time">${s.at ? formatDate(lang, s.at) : t('pending')}</span>
            </li>`,
        )}
      </ol>

      <h3>${t('messages')}</h3>
      ${
        messages.length === 0
          ? html`<p>${t('noMessages')}</p>`
          : html`<ul class="messages">
              ${messages.map((m) => renderMessage(m, t, lang, (message) => void this.download(message)))}
            </ul>`
      }
      ${this.downloadError ? html`<p class="error" role="alert">${t(this.downloadError)}</p>` : nothing}

      <h3>${t('reply')}</h3>
      <form class="reply" part="reply" novalidate @submit=${(e: Event) => void this.sendReply(e)}>
        <label for="reply">${t('replyLabel')}</label>
        <p class="hint" id="reply-hint">${t('replyHint')}</p>
        ${this.replyError ? html`<p class="error" id="reply-error">${t(this.replyError)}</p>` : nothing}
        <textarea
          id="reply"
          rows="5"
          maxlength=${MAX_REPLY}
          aria-describedby=${this.replyError ? 'reply-hint reply-error' : 'reply-hint'}
          aria-invalid=${this.replyError ? 'true' : nothing}
          .value=${this.replyText}
          @input=${(e: Event) => {
            this.replyText = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
        <button type="submit" part="button" ?disabled=${this.sending}>
          ${this.sending ? t('sending') : t('send')}
        </button>
      </form>`;
  }
}
