import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  AccountError,
  AccountLogin,
  displayName,
  ExpiryTimer,
  isMisconfiguration,
  isVerified,
  systemClock,
  type AccountConfigProblem,
  type AccountSession,
  type AccountSettings,
  type Clock,
  type ExpiryState,
  type TrustLevel,
} from '../../modules/account/index.js';
import type { FormStore } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';
import { emit } from '../events.js';
import { formContext, type FormContext } from '../form/context.js';
import { accountStyles } from './ozg-account.styles.js';
import { closeDialog, deepActiveElement, renderExpiryDialog, showDialog } from './expiry-dialog.js';
import { problemOf, renderLoginBar, type LoginBarProblem } from './login-bar.js';
import { askAgain, formDeleted, mustAskAgain, rememberEnded, takeEnded, type Ended } from './ended.js';
import { at, clockTime, editorText, levelText } from './texts.js';

type View = 'off' | 'checking' | 'ready' | 'redirecting' | 'unavailable';

/**
 * The login with a user account (Nutzerkonto) of a form with `x-ozg.account`, inside `<ozg-form>`,
 * which defines it on first need: the login bar, the redirect to the provider and back (answers kept
 * in the draft), prefill of `x-ozg.prefill` questions (read-only at trust level substantiell or
 * higher), the warning before the login runs out with a silent renewal, and logout. With
 * `login: "required"` the form asks `mayProceed()` before "Weiter".
 *
 * @summary Login bar of an application (inside `<ozg-form>`).
 *
 * @event ozg-login - `detail: { outcome, trustLevel? }`: `in`, `out` (logged out) or `expired` (the login
 *   ran out). What a submission carries about the login (the ID token) goes to the form through its
 *   context (`loggedIn`), never into an event that the page's listeners see.
 *
 * @csspart account - The login bar.
 * @csspart account-error - A login problem.
 * @csspart account-editor - What the editor must fix when the login cannot work ("Für die Redaktion").
 * @csspart account-expiry - The dialog before and at the end of the login.
 * @csspart button - Every button.
 * @csspart button-primary - "Anmeldung verlängern".
 */
export class OzgAccount extends LitElement {
  static override properties = {
    configUrl: { attribute: false },
    quiet: { type: Boolean, reflect: true },
    view: { state: true },
    notice: { state: true },
  };

  /** URL of the account configuration; default `/account/config.json` of the page. */
  declare configUrl?: string;
  /** Only keeps the login, shows nothing (while the payment step or the sending view replaces the
   * questions, the submission still carries the login). */
  declare quiet: boolean;
  declare view: View;
  /** The dialog shown: before the end of the login, or at it. */
  declare notice?: 'warning' | 'expired';
  /** Time for the expiry timer (tests pass a fake clock). */
  clock: Clock = systemClock;
  /** How the page goes to the provider (tests record it instead). */
  navigate: (url: string) => void = (url) => location.assign(url);

  private session?: AccountSession;
  private problem?: LoginBarProblem;
  /** Back from the provider's logout: what was done, said in the bar until a question is answered. */
  private ended?: Ended;
  private misconfigured?: AccountConfigProblem;
  /** The person tried to go on without the required login. */
  private blocked = false;
  private login?: AccountLogin;
  private store?: FormStore;
  private run = 0;
  private returnFocus?: HTMLElement;
  private timer?: ExpiryTimer;
  private readonly context = new ContextConsumer(this, { context: formContext, subscribe: true });

  /** Renders into the form's own shadow root (no shadow root of its own), as the other building blocks. */
  protected override createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.view = 'off';
    this.quiet = false;
  }

  private get ctx(): FormContext | undefined {
    return this.context.value;
  }

  private get language(): Lang {
    return this.ctx?.lang ?? 'de';
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') this.timer?.check();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    const sheet = accountStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    this.timer?.stop();
  }

  /** A new form was loaded: set up its login. */
  protected override willUpdate(_changed: PropertyValues<this>): void {
    const store = this.ctx?.store;
    if (store === this.store) return;
    this.store = store;
    this.timer?.stop();
    this.session = undefined;
    this.problem = undefined;
    this.misconfigured = undefined;
    this.blocked = false;
    this.notice = undefined;
    this.ended = undefined;
    const settings = (store?.model.definition['x-ozg'] as { account?: AccountSettings } | undefined)?.account;
    const run = ++this.run;
    if (!store || !settings) {
      this.login = undefined;
      this.view = 'off';
      return;
    }
    const url = new URL(this.configUrl ?? '/account/config.json', document.baseURI).href;
    this.login = new AccountLogin(settings, url);
    this.view = 'checking';
    void this.setup(this.login, run);
  }

  private async setup(login: AccountLogin, run: number): Promise<void> {
    const start = await login.start();
    if (run !== this.run) return;
    if (start.kind === 'misconfigured') {
      this.misconfigured = start.problem;
      this.view = 'unavailable';
      // The editor finds it in the console too (in English, with what to fix).
      console.error(`ozg-form: the login with a user account is switched off. ${editorText('en', start.problem)}`);
      return;
    }
    this.view = 'ready';
    const { session, error, callback } = start;
    const ended = takeEnded();
    if (ended && !session) this.sayEnded(ended);
    // A login that asked for the account again: the next one need not.
    if (session && callback) askAgain(false);
    if (session) {
      this.useSession(session);
      if (start.renewed)
        this.ctx?.announce(at(this.language, 'renewed', { time: clockTime(this.language, session.expiresAt) }));
      else if (callback) {
        this.ctx?.announce(at(this.language, 'loginDone'));
        // Back from the provider the page starts at its top: the keyboard continues at the login bar.
        this.focusBar();
      }
    } else if (error) {
      // Without a login under way, an unreachable provider is only reported when the person tries to log in.
      const tooLow = error instanceof AccountError && (error.code === 'acr_too_low' || error.code === 'wrong_audience');
      if (callback || tooLow) this.fail(error);
      if (callback) this.focusBar();
    }
  }

  private useSession(session: AccountSession): void {
    const store = this.store;
    if (!store || !this.login) return;
    this.session = session;
    this.blocked = false;
    this.problem = undefined;
    store.setPrefill(this.login.prefill(store.model.root, session), isVerified(session.trustLevel));
    (this.timer ??= new ExpiryTimer((state) => this.expiryChanged(state), this.clock)).watch(session.expiresAt);
    this.ctx?.loggedIn(this.login.authentication(session));
    emit(this, 'ozg-login', { outcome: 'in', trustLevel: session.trustLevel });
    this.requestUpdate();
  }

  private expiryChanged(state: ExpiryState): void {
    if (state === 'warning' && !this.quiet) this.openNotice('warning');
    else if (state === 'expired') this.expire(!this.quiet);
  }

  /** The login ran out: the tokens go, the answers stay (no longer read-only) until the next login. */
  private expire(showDialog: boolean): void {
    if (!this.session) return;
    this.timer?.stop();
    this.login?.forget();
    this.session = undefined;
    this.store?.releasePrefill();
    this.fail(new AccountError('session_expired', { requiredLevel: this.levelAgain }));
    this.ctx?.loggedIn(undefined);
    emit(this, 'ozg-login', { outcome: 'expired' });
    if (showDialog) this.openNotice('expired');
    else this.focusBar();
    this.requestUpdate();
  }

  private get levelAgain(): TrustLevel {
    return this.login?.minLevel ?? this.login?.settings.trustLevel ?? 'basisregistriert';
  }

  private fail(error: unknown): void {
    this.problem = problemOf(error, this.login?.minLevel);
    this.requestUpdate();
  }

  /** Flushes the draft and goes to the provider (`prompt: 'none'`: a silent renewal). */
  async logIn(level = this.login?.minLevel, prompt?: 'login' | 'none'): Promise<void> {
    const login = this.login;
    const ctx = this.ctx;
    if (!login || !ctx) return;
    const otherAccount = this.problem?.otherAccount === true;
    this.problem = undefined;
    this.view = 'redirecting';
    try {
      ctx.drafts.save();
      const url = await login.loginUrl({
        level,
        locale: ctx.lang,
        applicationId: ctx.drafts.applicationId,
        ...(prompt ? { prompt } : otherAccount || mustAskAgain() ? { prompt: 'login' as const } : {}),
      });
      this.navigate(url);
    } catch (error) {
      this.view = 'ready';
      this.fail(error);
      this.focusBar();
    }
  }

  /** Removes the prefilled answers and the tokens, then ends the session at the provider. */
  async logOut(): Promise<void> {
    const login = this.login;
    this.signedOut();
    this.ctx?.drafts.save(); // the provider ends the session with a redirect: nothing may be pending
    this.ctx?.announce(at(this.language, 'loggedOut'));
    askAgain(true);
    const end = await login?.logout(this.language);
    if (end) {
      this.view = 'redirecting';
      rememberEnded('out');
      this.navigate(end);
    }
  }

  /**
   * "Daten auf diesem Gerät löschen": the tokens, the claims and a login under way go from this browser
   * at once, the bar offers the login again, and the next login from this browser asks for the account
   * (`prompt=login`): the provider's session would otherwise let the next person at a shared computer in
   * without asking. A person logged in in this tab is also taken to the provider's logout, as by
   * "Abmelden", once the form has deleted its data (it shows its first step again: `ozg-step`), so the
   * navigation cuts nothing off; if that does not happen within a while (the deletion failed), the page
   * stays.
   */
  async forgetOnDevice(): Promise<void> {
    const login = this.login;
    const ending = this.session ? login?.logout(this.language) : undefined;
    login?.forget(true);
    askAgain(true);
    this.blocked = false;
    this.signedOut();
    const form = this.ctx?.element;
    if (!ending || !form) return;
    const [end, gone] = await Promise.all([ending, formDeleted(form)]);
    if (end && gone) {
      this.view = 'redirecting';
      rememberEnded('forgotten');
      this.navigate(end);
    }
  }

  /** Back from the provider's logout: the bar says what was done, and the keyboard starts there; it
   * goes once the person answers a question. (Not also announced: the focus reads it.) */
  private sayEnded(ended: Ended): void {
    this.ended = ended;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.account-ended')?.focus());
    this.ctx?.element.addEventListener(
      'ozg-change',
      () => {
        this.ended = undefined;
        this.requestUpdate();
      },
      { once: true },
    );
  }

  /** The form is without the login (logout, or its data deleted): the answers it filled in go, the
   * timer stops, the form and the page learn it ("out", once per session). */
  private signedOut(): void {
    this.timer?.stop();
    this.store?.clearPrefill();
    const was = !!this.session;
    this.session = undefined;
    this.problem = undefined;
    this.ctx?.loggedIn(undefined);
    if (was) emit(this, 'ozg-login', { outcome: 'out' });
    this.requestUpdate();
  }

  /** Whether "Weiter" and the review page's button may go on. While a required login is missing (or
   * has just run out) they may not: the login bar says why and takes the focus. */
  mayProceed(): boolean {
    if (this.session && this.session.expiresAt <= this.clock.now()) {
      this.expire(false);
      return false;
    }
    if (!this.login?.required || this.session || this.view === 'off') return true;
    this.blocked = true;
    this.requestUpdate();
    this.focusBar();
    return false;
  }

  // ---- the dialog before the end ----------------------------------------------------------

  private openNotice(state: 'warning' | 'expired'): void {
    if (!this.notice) this.returnFocus = deepActiveElement();
    this.notice = state;
    showDialog(this);
  }

  private closeNotice(): void {
    this.notice = undefined;
    closeDialog(this, this.returnFocus, () => this.focusBar());
    this.returnFocus = undefined;
  }

  private focusBar(): void {
    void this.updateComplete.then(() => {
      this.querySelector<HTMLElement>('[part~="account"] [tabindex="-1"]')?.focus();
    });
  }

  protected override render() {
    const login = this.login;
    if (this.view === 'off' || !login || this.quiet) return nothing;
    const lang = this.language;
    const session = this.session;
    const now = this.clock.now();
    const bar = renderLoginBar({
      lang,
      state: this.view === 'ready' ? (session ? 'in' : 'out') : this.view === 'unavailable' ? 'unavailable' : this.view,
      name: session ? displayName(session) : undefined,
      level: session ? levelText(lang, session.trustLevel) : undefined,
      until: session ? clockTime(this.language, session.expiresAt) : undefined,
      required: login.required,
      minLevel: login.minLevel ?? 'basisregistriert',
      audience: login.settings.audience,
      problem: this.problem,
      keepGoing: !login.required,
      blocked: this.blocked && !session,
      editorNote:
        this.misconfigured && isMisconfiguration(this.misconfigured) ? editorText(lang, this.misconfigured) : undefined,
      ended: this.ended && at(lang, this.ended === 'out' ? 'loggedOut' : 'forgottenOut'),
      onLogin: (level) => void this.logIn(level),
      onLogout: () => void this.logOut(),
    });
    const notice = this.notice;
    const dialog = notice
      ? renderExpiryDialog({
          lang,
          state: notice,
          minutes: Math.max(1, Math.ceil(((session?.expiresAt ?? now) - now) / 60_000)),
          time: clockTime(lang, session?.expiresAt ?? now),
          level: this.levelAgain,
          onExtend: () => {
            this.closeNotice();
            void this.logIn(this.levelAgain, 'none');
          },
          onLogin: () => {
            this.closeNotice();
            void this.logIn(this.levelAgain);
          },
          onClose: () => this.closeNotice(),
        })
      : nothing;
    return html`${bar}${dialog}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-account': OzgAccount;
  }
}
