import { childPointer } from '../../schemas/data.js';
import type { FieldNode } from '../../schemas/types.js';
import { accountKind, authenticationInformation, levelRank, prefillFromClaims, type TrustLevel } from './claims.js';
import { loadAccountConfig, type AccountConfigProblem } from './config.js';
import { AccountError } from './errors.js';
import { AccountService, type AccountSession } from './service.js';

/** `x-ozg.account` on the root of a definition. */
export interface AccountSettings {
  login?: 'optional' | 'required' | 'offered';
  trustLevel?: TrustLevel;
  audience?: 'citizen' | 'business' | 'both';
}

/** The page itself, without query and fragment: where the provider sends the person back. */
export function pageUrl(): string {
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

/** The name the login bar shows: the person, else the company, else the e-mail address. */
export function displayName(session: AccountSession): string {
  const c = session.claims;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const person = [str(c.given_name), str(c.family_name)].filter(Boolean).join(' ');
  return person || str(c.company_name) || str(c.email) || session.sub;
}

/** How a login check ended on loading a page. */
export type LoginStart =
  | { kind: 'misconfigured'; problem: AccountConfigProblem }
  | {
      kind: 'ready';
      session: AccountSession | null;
      /** The page is the return from the provider. */
      callback: boolean;
      /** That return ended a silent renewal. */
      renewed?: boolean;
      error?: unknown;
    };

/**
 * The login of one form, without rendering: the account configuration, the return from the provider,
 * the checks of level and kind of account, the redirect there (also a silent renewal) and logout.
 */
export class AccountLogin {
  private service?: AccountService;

  constructor(
    readonly settings: AccountSettings,
    private readonly configUrl: string,
    private readonly page: string = pageUrl(),
  ) {}

  /** The lowest level a login must have, or undefined when any login is welcome ("offered"). */
  get minLevel(): TrustLevel | undefined {
    if (this.settings.login === 'offered') return undefined;
    return this.settings.trustLevel ?? 'basisregistriert';
  }

  get required(): boolean {
    return this.settings.login === 'required';
  }

  /** The configuration, loaded once it was found; a problem (misconfigured or unreachable) otherwise. */
  async load(): Promise<AccountConfigProblem | undefined> {
    if (this.service) return undefined;
    const result = await loadAccountConfig(this.configUrl, this.page);
    if (!result.ok) return result.problem;
    this.service = new AccountService({ ...result.config, redirectUri: this.page });
    return undefined;
  }

  private async ready(): Promise<AccountService> {
    const problem = await this.load();
    if (problem || !this.service) throw new AccountError('idp_unreachable', { reason: problem?.kind });
    return this.service;
  }

  /** On loading the page: finishes a login coming back from the provider, or takes the kept one. */
  async start(): Promise<LoginStart> {
    const problem = await this.load();
    if (problem && problem.kind !== 'unreachable') return { kind: 'misconfigured', problem };
    const service = this.service;
    const callback = AccountService.isCallback(location.href);
    if (!service) {
      return {
        kind: 'ready',
        session: null,
        callback,
        ...(callback ? { error: new AccountError('idp_unreachable') } : {}),
      };
    }
    try {
      let session: AccountSession | null;
      let renewed = false;
      if (callback) {
        const href = location.href;
        history.replaceState(history.state, '', AccountService.cleanUrl(href));
        session = await service.handleRedirect(href);
        renewed = service.lastPrompt === 'none';
      } else {
        session = service.session;
      }
      if (session) this.check(session);
      return { kind: 'ready', session, callback, renewed };
    } catch (error) {
      return { kind: 'ready', session: null, callback, error };
    }
  }

  /** Refuses a login below the form's level or of the wrong kind (and forgets it). */
  private check(session: AccountSession): void {
    const min = this.minLevel;
    if (min && levelRank(session.trustLevel) < levelRank(min)) {
      this.service?.clear();
      throw new AccountError('acr_too_low', { requiredLevel: min, actualLevel: session.trustLevel });
    }
    // A form for citizens takes no business account, and one for businesses no personal account.
    const audience = this.settings.audience;
    if ((audience === 'citizen' || audience === 'business') && accountKind(session.claims) !== audience) {
      this.service?.clear();
      throw new AccountError('wrong_audience', { audience });
    }
  }

  /** Where to send the person to log in (`prompt: 'none'`: renew without asking them). */
  async loginUrl(opts: {
    level?: TrustLevel;
    locale: 'de' | 'en';
    applicationId: string;
    prompt?: 'login' | 'none';
  }): Promise<string> {
    const service = await this.ready();
    return service.authorizationUrl({
      minLevel: opts.level,
      locale: opts.locale,
      applicationId: opts.applicationId,
      ...(opts.prompt ? { prompt: opts.prompt } : {}),
    });
  }

  /** Forgets the tokens; the provider's end-session URL to go to, or null. */
  logout(locale: 'de' | 'en'): Promise<string | null> {
    return this.service?.logout({ postLogoutRedirectUri: this.page, locale }) ?? Promise.resolve(null);
  }

  /** Forgets the tokens without going to the provider (the login ran out); `all`: a login under way too. */
  forget(all = false): void {
    if (all) this.service?.forgetAll();
    else this.service?.clear();
  }

  /** The answers the account fills in, by pointer. */
  prefill(root: FieldNode, session: AccountSession): Map<string, unknown> {
    return new Map(Object.entries(prefillFromClaims(session.claims, prefillMapping(root))));
  }

  /** What a submission carries about the login (FIT-Connect metadata). */
  authentication(session: AccountSession) {
    const handle = session.claims.mailbox_handle;
    return {
      authenticationInformation: authenticationInformation(session.idToken),
      ...(typeof handle === 'string' && handle ? { mailboxUuid: handle } : {}),
    };
  }
}
