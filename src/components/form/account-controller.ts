import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { AccountError, AccountService, AccountSession, TrustLevel } from '../../modules/account/index.js';
import { t } from '../../modules/i18n/ui-texts.js';
import { childPointer } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import type { FieldNode, Lang } from '../../schemas/types.js';
import { levelText, renderLoginBar, type LoginBarProblem } from '../account/login-bar.js';
import type { DraftController } from './draft-controller.js';

type AccountModule = typeof import('../../modules/account/index.js');

/** The Nutzerkonto building block (OpenID Connect, jose) is fetched only for forms that offer a login. */
const loadAccount = (): Promise<AccountModule> => import('../../modules/account/index.js');

/** `x-ozg.account` on the root of a definition. */
export interface AccountSettings {
  login?: 'optional' | 'required' | 'offered';
  trustLevel?: TrustLevel;
  audience?: 'citizen' | 'business' | 'both';
}

/** What GET /account/config.json answers (docs/server.md). */
interface ServerAccountConfig {
  issuer: string;
  clientId: string;
  scopes?: string[];
  claimMap?: Record<string, string>;
  acrValues?: Partial<Record<TrustLevel, string>>;
}

export interface AccountHost extends ReactiveControllerHost {
  /** URL of the account configuration; default `/account/config.json` of the page's origin. */
  readonly account?: string;
  readonly step: number;
  readonly renderRoot: HTMLElement | DocumentFragment;
  announce(message: string): void;
}

export interface AccountOptions {
  store: () => FormStore | undefined;
  lang: () => Lang;
  drafts: DraftController;
}

type Phase = 'off' | 'checking' | 'ready' | 'redirecting';

const RANK: Record<TrustLevel, number> = { basisregistriert: 0, substantiell: 1, hoch: 2 };

/** The page itself, without query and fragment: where the provider sends the person back. */
function pageUrl(): string {
  return location.origin + location.pathname;
}

/** { pointer -> claim name } of every question with `x-ozg.prefill` (follows the resolved model). */
export function prefillMapping(
  node: FieldNode,
  pointer = '',
  out: Record<string, string> = {},
): Record<string, string> {
  if (node.kind === 'object') {
    for (const child of node.children) prefillMapping(child, childPointer(pointer, child.key), out);
  } else if (node.kind !== 'array') {
    const claim = (node.schema['x-ozg'] as { prefill?: unknown } | undefined)?.prefill;
    if (typeof claim === 'string') out[pointer] = claim;
  }
  return out;
}

function displayName(session: AccountSession): string {
  const c = session.claims;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const person = [str(c.given_name), str(c.family_name)].filter(Boolean).join(' ');
  return person || str(c.company_name) || str(c.email) || session.sub;
}

/**
 * Login with a user account (Nutzerkonto) for forms with `x-ozg.account`: the login bar, the
 * redirect to the provider and back (answers kept in the draft), prefill of `x-ozg.prefill`
 * questions (read-only at trust level substantiell or higher), logout, and — with `login: "required"` —
 * no "Weiter" without a login at the level.
 */
export class AccountController implements ReactiveController {
  phase: Phase = 'off';
  session?: AccountSession;
  problem?: LoginBarProblem;
  /** The person tried to go on without the required login. */
  blocked = false;
  settings?: AccountSettings;

  private store?: FormStore;
  private mod?: AccountModule;
  private service?: AccountService;
  private run = 0;

  constructor(
    private readonly host: AccountHost,
    private readonly opts: AccountOptions,
  ) {
    host.addController(this);
  }

  /** A new form was loaded: set up its login. */
  hostUpdate(): void {
    const store = this.opts.store();
    if (store === this.store) return;
    this.store = store;
    this.session = undefined;
    this.problem = undefined;
    this.blocked = false;
    const settings = (store?.model.definition['x-ozg'] as { account?: AccountSettings } | undefined)?.account;
    this.settings = settings;
    this.phase = store && settings ? 'checking' : 'off';
    const run = ++this.run;
    if (store && settings) void this.setup(store, run);
  }

  /** The lowest level a login must have, or undefined when any login is welcome ("offered"). */
  get minLevel(): TrustLevel | undefined {
    if (!this.settings || this.settings.login === 'offered') return undefined;
    return this.settings.trustLevel ?? 'basisregistriert';
  }

  get required(): boolean {
    return this.settings?.login === 'required';
  }

  private async service$(): Promise<AccountService> {
    if (this.service) return this.service;
    const mod = (this.mod ??= await loadAccount());
    const url = new URL(this.host.account ?? '/account/config.json', document.baseURI);
    let config: ServerAccountConfig;
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      config = (await res.json()) as ServerAccountConfig;
    } catch (cause) {
      throw new mod.AccountError('idp_unreachable', { cause });
    }
    this.service = new mod.AccountService({ ...config, redirectUri: pageUrl() });
    return this.service;
  }

  private async setup(store: FormStore, run: number): Promise<void> {
    const callback = /[?&]state=/.test(location.search);
    let session: AccountSession | null = null;
    try {
      const service = await this.service$();
      const Service = this.mod!.AccountService;
      if (callback && Service.isCallback(location.href)) {
        const href = location.href;
        history.replaceState(history.state, '', Service.cleanUrl(href));
        session = await service.handleRedirect(href);
        this.host.announce(t(this.opts.lang(), 'accountLoginDone'));
      } else {
        session = service.session;
      }
      const min = this.minLevel;
      if (session && min && (session.trustLevel === null || RANK[session.trustLevel] < RANK[min])) {
        service.clear();
        throw new this.mod!.AccountError('acr_too_low', { requiredLevel: min, actualLevel: session.trustLevel });
      }
      // A form for citizens takes no business account, and one for businesses no personal account.
      const audience = this.settings?.audience;
      if (
        session &&
        (audience === 'citizen' || audience === 'business') &&
        this.mod!.accountKind(session.claims) !== audience
      ) {
        service.clear();
        throw new this.mod!.AccountError('wrong_audience', { audience });
      }
    } catch (error) {
      if (run !== this.run) return;
      session = null;
      // Without a login under way, an unreachable provider is only reported when the person tries to log in.
      const tooLow =
        this.mod !== undefined &&
        error instanceof this.mod.AccountError &&
        (error.code === 'acr_too_low' || error.code === 'wrong_audience');
      if (callback || tooLow) this.fail(error);
      if (callback) this.focusBar();
    }
    if (run !== this.run) return;
    this.phase = 'ready';
    if (session) this.useSession(store, session);
    this.host.requestUpdate();
  }

  private useSession(store: FormStore, session: AccountSession): void {
    this.session = session;
    this.blocked = false;
    const values = this.mod!.prefillFromClaims(session.claims, prefillMapping(store.model.root));
    store.setPrefill(new Map(Object.entries(values)), this.mod!.isVerified(session.trustLevel));
  }

  private fail(error: unknown): void {
    const mod = this.mod;
    if (mod && error instanceof mod.AccountError) {
      const e = error as AccountError;
      this.problem = {
        text: (l) => e.text(l),
        // Log in again at the level: after one too low, or after the login ran out.
        ...(e.code === 'acr_too_low' || e.code === 'session_expired'
          ? { retryLevel: e.requiredLevel ?? this.minLevel ?? 'substantiell' }
          : {}),
        ...(e.code === 'wrong_audience' ? { otherAccount: true } : {}),
      };
    } else {
      this.problem = { text: (l) => t(l, 'accountUnavailable') };
    }
  }

  /** Flushes the draft and goes to the provider. */
  async login(level = this.minLevel): Promise<void> {
    const otherAccount = this.problem?.otherAccount === true;
    this.problem = undefined;
    this.phase = 'redirecting';
    this.host.requestUpdate();
    try {
      const service = await this.service$();
      this.opts.drafts.save();
      const url = await service.authorizationUrl({
        minLevel: level,
        locale: this.opts.lang(),
        returnTo: String(this.host.step),
        applicationId: this.opts.drafts.applicationId,
        ...(otherAccount ? { prompt: 'login' as const } : {}),
      });
      location.assign(url);
    } catch (error) {
      this.phase = 'ready';
      this.fail(error);
      this.host.requestUpdate();
      this.focusBar();
    }
  }

  /** Removes the prefilled answers and the tokens, then ends the session at the provider. */
  async logout(): Promise<void> {
    const service = this.service;
    this.store?.clearPrefill();
    this.opts.drafts.flush();
    this.session = undefined;
    this.problem = undefined;
    this.host.announce(t(this.opts.lang(), 'accountLoggedOut'));
    this.host.requestUpdate();
    const end = await service?.logout({ postLogoutRedirectUri: pageUrl(), locale: this.opts.lang() });
    if (end) {
      this.phase = 'redirecting';
      this.host.requestUpdate();
      location.assign(end);
    }
  }

  /** Whether "Weiter" and "Angaben bestätigen" may go on. While a required login is missing they
   * may not: the login bar says why and takes the focus. */
  mayProceed(): boolean {
    if (this.session && this.session.expiresAt <= Date.now()) {
      // The login ran out while the person was filling in: they log in again (the answers stay in
      // the draft) rather than send an application whose login cannot be verified any more.
      this.service?.clear();
      this.session = undefined;
      this.store?.clearPrefill();
      this.fail(
        new this.mod!.AccountError('session_expired', {
          requiredLevel: this.minLevel ?? this.settings?.trustLevel ?? 'basisregistriert',
        }),
      );
      this.host.requestUpdate();
      this.focusBar();
      return false;
    }
    if (!this.required || this.session || this.phase === 'off') return true;
    this.blocked = true;
    this.host.requestUpdate();
    this.focusBar();
    return false;
  }

  private focusBar(): void {
    void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
      const target = this.host.renderRoot.querySelector<HTMLElement>('[part~="account"] [tabindex="-1"]');
      target?.focus();
    });
  }

  /** What a submission carries about the login (FIT-Connect metadata), or undefined when logged out. */
  authentication():
    | { authenticationInformation: { type: string; version: string; content: string }[]; mailboxUuid?: string }
    | undefined {
    const session = this.session;
    if (!session || !this.mod) return undefined;
    const handle = session.claims.mailbox_handle;
    return {
      authenticationInformation: this.mod.authenticationInformation(session.idToken),
      ...(typeof handle === 'string' && handle ? { mailboxUuid: handle } : {}),
    };
  }

  /** The login bar, or nothing when the form offers no login. */
  render(lang: Lang): TemplateResult | undefined {
    if (this.phase === 'off' || !this.settings) return undefined;
    const session = this.session;
    const min = this.minLevel ?? 'basisregistriert';
    return renderLoginBar({
      lang,
      state: this.phase === 'ready' ? (session ? 'in' : 'out') : this.phase,
      name: session ? displayName(session) : undefined,
      level: session ? levelText(lang, session.trustLevel) : undefined,
      required: this.required,
      minLevel: min,
      audience: this.settings.audience,
      problem: this.problem,
      keepGoing: !this.required,
      blocked: this.blocked && !session,
      onLogin: (level) => void this.login(level),
      onLogout: () => void this.logout(),
    });
  }
}
