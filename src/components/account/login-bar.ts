import { html, nothing, type TemplateResult } from 'lit';
import { AccountError, type TrustLevel } from '../../modules/account/index.js';
import type { Lang } from '../../schemas/types.js';
import { accountErrorText, at, levelText } from './texts.js';

/** A login problem to explain; `retryLevel` offers "Erneut anmelden (Vertrauensniveau …)". */
export interface LoginBarProblem {
  text: (lang: Lang) => string;
  /** The heading; default "Anmeldung nicht möglich". */
  title?: (lang: Lang) => string;
  retryLevel?: TrustLevel;
  /** The login was with the wrong kind of account: the next one must let the person choose another. */
  otherAccount?: boolean;
}

/** What the bar says about a failed or ended login; `minLevel` is the form's (for "Erneut anmelden"). */
export function problemOf(error: unknown, minLevel?: TrustLevel): LoginBarProblem {
  if (!(error instanceof AccountError)) return { text: (l) => at(l, 'unavailable') };
  const code = error.code;
  const ended = code === 'session_expired' || code === 'renewal_needs_login';
  return {
    text: (l) => accountErrorText(l, error),
    ...(ended
      ? { title: (l: Lang) => at(l, 'endedTitle') }
      : code === 'login_cancelled'
        ? { title: (l: Lang) => at(l, 'cancelledTitle') }
        : {}),
    // Log in again at the level: after one too low, after the login ran out or could not be renewed.
    ...(code === 'acr_too_low' || ended ? { retryLevel: error.requiredLevel ?? minLevel ?? 'substantiell' } : {}),
    ...(code === 'wrong_audience' ? { otherAccount: true } : {}),
  };
}

export interface LoginBarView {
  lang: Lang;
  state: 'checking' | 'redirecting' | 'in' | 'out' | 'unavailable';
  /** Logged in: who, the trust level as text and until when (clock time). */
  name?: string;
  level?: string;
  until?: string;
  required: boolean;
  minLevel: TrustLevel;
  /** Whom the form is for (`x-ozg.account.audience`); default citizens. */
  audience?: 'citizen' | 'business' | 'both';
  problem?: LoginBarProblem;
  /** The form may be filled without a login (said after a problem). */
  keepGoing: boolean;
  /** "Weiter" was pressed without the required login. */
  blocked: boolean;
  /** Misconfigured (state `unavailable`): what the editor must fix. */
  editorNote?: string;
  /** Back from the provider's logout (state `out`): what was done ("Sie sind abgemeldet. …"). */
  ended?: string;
  onLogin: (level?: TrustLevel) => void;
  onLogout: () => void;
}

/**
 * The Nutzerkonto bar above the step indicator: a region named "Nutzerkonto" with the login button,
 * or who is logged in at which level and "Abmelden"; problems as an alert with a way forward. A login
 * that cannot work (no configuration, a page the provider does not know) offers no button: the
 * person reads what to do, the editor what to fix. Every text is rendered as text.
 */
export function renderLoginBar(v: LoginBarView): TemplateResult {
  const { lang } = v;
  const level = levelText(lang, v.minLevel);
  const busy = v.state === 'checking' || v.state === 'redirecting';
  let body: TemplateResult;
  if (v.state === 'in') {
    body = html`<p>
        ${at(lang, 'loggedIn', { name: v.name ?? '', level: v.level ?? '–' })}
        ${v.until ? html`<span class="account-until">${at(lang, 'loggedInUntil', { time: v.until })}</span>` : nothing}
      </p>
      <button type="button" class="secondary" part="button" @click=${() => v.onLogout()}>
        ${at(lang, 'logout')}
      </button>`;
  } else if (busy) {
    body = html`<p role="status">${at(lang, v.state === 'checking' ? 'checking' : 'redirecting')}</p>`;
  } else if (v.state === 'unavailable') {
    body = html`<p>${at(lang, 'notOffered')} ${at(lang, v.required ? 'notOfferedRequired' : 'notOfferedOptional')}</p>`;
  } else {
    const intro = v.required
      ? at(lang, 'introRequired', { level })
      : at(lang, v.audience === 'business' ? 'introBusiness' : v.audience === 'both' ? 'introBoth' : 'intro');
    body = html`${v.ended ? html`<p class="account-ended" tabindex="-1"><strong>${v.ended}</strong></p>` : nothing}
      <p>${intro}</p>
      ${
        v.problem?.retryLevel
          ? nothing
          : html`<button type="button" class="secondary" part="button" @click=${() => v.onLogin()}>
              ${at(lang, 'login')}
            </button>`
      }`;
  }
  const problem = v.problem && v.state === 'out' ? renderProblem(v) : nothing;
  // "Weiter" without the required login: log in first (when no login is possible, the notice itself
  // takes the focus).
  const blocked =
    v.blocked && !v.problem && v.state === 'out'
      ? html`<div class="notice account-problem" role="alert" tabindex="-1">
          <p>${at(lang, 'required', { level })}</p>
        </div>`
      : nothing;
  const stuck = v.blocked && v.state === 'unavailable';
  return html`<section
    class="account"
    part="account"
    aria-labelledby="ozg-account-title"
    aria-busy=${busy ? 'true' : 'false'}
  >
    <h3 id="ozg-account-title" class="visually-hidden">${at(lang, 'title')}</h3>
    ${problem}${blocked}
    <div class=${stuck ? 'notice account-problem' : 'notice'} role=${stuck ? 'alert' : nothing} tabindex="-1">
      ${body}
    </div>
    ${
      v.editorNote
        ? html`<p class="account-editor" part="account-editor">
            <strong>${at(lang, 'editorLabel')}</strong> ${v.editorNote}
          </p>`
        : nothing
    }
  </section>`;
}

function renderProblem(v: LoginBarView): TemplateResult {
  const { lang, problem } = v;
  const retry = problem!.retryLevel;
  return html`<div class="notice account-problem" role="alert" tabindex="-1" part="account-error">
    <p><strong>${problem!.title?.(lang) ?? at(lang, 'errorTitle')}</strong></p>
    <p>${problem!.text(lang)} ${at(lang, v.keepGoing ? 'keepGoing' : 'keepAnswers')}</p>
    ${
      retry
        ? html`<button type="button" class="secondary" part="button" @click=${() => v.onLogin(retry)}>
            ${at(lang, 'loginAgain', { level: levelText(lang, retry) })}
          </button>`
        : nothing
    }
  </div>`;
}
