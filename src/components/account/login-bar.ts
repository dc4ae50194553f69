import { html, nothing, type TemplateResult } from 'lit';
import type { TrustLevel } from '../../modules/account/index.js';
import { t } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';

/** A login problem to explain; `retryLevel` offers "Erneut anmelden (Vertrauensniveau …)". */
export interface LoginBarProblem {
  text: (lang: Lang) => string;
  retryLevel?: TrustLevel;
  /** The login was with the wrong kind of account: the next one must let the person choose another. */
  otherAccount?: boolean;
}

export interface LoginBarView {
  lang: Lang;
  state: 'checking' | 'redirecting' | 'in' | 'out';
  /** Logged in: who, and the trust level as text. */
  name?: string;
  level?: string;
  required: boolean;
  minLevel: TrustLevel;
  /** Whom the form is for (`x-ozg.account.audience`); default citizens. */
  audience?: 'citizen' | 'business' | 'both';
  problem?: LoginBarProblem;
  /** The form may be filled without a login (said after a problem). */
  keepGoing: boolean;
  /** "Weiter" was pressed without the required login. */
  blocked: boolean;
  onLogin: (level?: TrustLevel) => void;
  onLogout: () => void;
}

const LEVEL_KEYS = {
  basisregistriert: 'levelBasisregistriert',
  substantiell: 'levelSubstantiell',
  hoch: 'levelHoch',
} as const;

export function levelText(lang: Lang, level: TrustLevel | null | undefined): string {
  return level ? t(lang, LEVEL_KEYS[level]) : '–';
}

/**
 * The Nutzerkonto bar above the step indicator: a region named "Nutzerkonto" with the login button,
 * or who is logged in at which level and "Abmelden"; problems as an alert with a way forward.
 * Every text is rendered as text.
 */
export function renderLoginBar(v: LoginBarView): TemplateResult {
  const { lang } = v;
  const level = levelText(lang, v.minLevel);
  const busy = v.state === 'checking' || v.state === 'redirecting';
  let body: TemplateResult;
  if (v.state === 'in') {
    body = html`<p>${t(lang, 'accountLoggedIn', { name: v.name ?? '', level: v.level ?? '–' })}</p>
      <button type="button" class="secondary" part="button" @click=${() => v.onLogout()}>
        ${t(lang, 'accountLogout')}
      </button>`;
  } else if (busy) {
    body = html`<p role="status">${t(lang, v.state === 'checking' ? 'accountChecking' : 'accountRedirecting')}</p>`;
  } else {
    const intro = v.required
      ? t(lang, 'accountIntroRequired', { level })
      : t(
          lang,
          v.audience === 'business'
            ? 'accountIntroBusiness'
            : v.audience === 'both'
              ? 'accountIntroBoth'
              : 'accountIntro',
        );
    body = html`<p>${intro}</p>
      ${
        v.problem?.retryLevel
          ? nothing
          : html`<button type="button" class="secondary" part="button" @click=${() => v.onLogin()}>
              ${t(lang, 'accountLogin')}
            </button>`
      }`;
  }
  const problem = v.problem && v.state !== 'in' && !busy ? renderProblem(v) : nothing;
  const blocked =
    v.blocked && !v.problem && v.state === 'out'
      ? html`<div class="notice account-problem" role="alert" tabindex="-1">
          <p>${t(lang, 'accountRequired', { level })}</p>
        </div>`
      : nothing;
  return html`<section
    class="account"
    part="account"
    aria-labelledby="ozg-account-title"
    aria-busy=${busy ? 'true' : 'false'}
  >
    <h3 id="ozg-account-title" class="visually-hidden">${t(lang, 'accountTitle')}</h3>
    ${problem}${blocked}
    <div class="notice">${body}</div>
  </section>`;
}

function renderProblem(v: LoginBarView): TemplateResult {
  const { lang, problem } = v;
  const retry = problem!.retryLevel;
  return html`<div class="notice account-problem" role="alert" tabindex="-1" part="account-error">
    <p><strong>${t(lang, 'accountErrorTitle')}</strong></p>
    <p>${problem!.text(lang)} ${t(lang, v.keepGoing ? 'accountKeepGoing' : 'accountKeepAnswers')}</p>
    ${
      retry
        ? html`<button type="button" class="secondary" part="button" @click=${() => v.onLogin(retry)}>
            ${t(lang, 'accountLoginAgain', { level: levelText(lang, retry) })}
          </button>`
        : nothing
    }
  </div>`;
}
