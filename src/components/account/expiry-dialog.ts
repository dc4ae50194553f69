import { html, nothing, type TemplateResult } from 'lit';
import type { TrustLevel } from '../../modules/account/index.js';
import type { Lang } from '../../schemas/types.js';
import { at, levelText } from './texts.js';

export interface ExpiryDialogView {
  lang: Lang;
  /** `warning`: the login ends soon; `expired`: it has ended. */
  state: 'warning' | 'expired';
  /** Whole minutes left (at least 1) and the clock time of the end. */
  minutes: number;
  time: string;
  /** The level to log in at again after expiry. */
  level: TrustLevel;
  onExtend: () => void;
  onLogin: () => void;
  onClose: () => void;
}

/**
 * The notice before and at the end of a login (WCAG 2.2.1 Timing adjustable): a modal alert dialog
 * (HMRC's timeout dialog is the model) that says when the login ends, that the answers stay, and
 * offers to extend it; Escape or "Nicht verlängern" closes it and focus goes back where it was.
 * The remaining time is said once, not counted down aloud.
 */
export function renderExpiryDialog(v: ExpiryDialogView | undefined): TemplateResult | typeof nothing {
  if (!v) return nothing;
  const { lang } = v;
  const warning = v.state === 'warning';
  return html`<dialog
    class="account-expiry"
    part="account-expiry"
    role="alertdialog"
    aria-labelledby="ozg-expiry-title"
    aria-describedby="ozg-expiry-text"
    @cancel=${(e: Event) => {
      e.preventDefault();
      v.onClose();
    }}
  >
    <h2 id="ozg-expiry-title">${at(lang, warning ? 'warningTitle' : 'expiredTitle')}</h2>
    <div id="ozg-expiry-text">
      ${
        warning
          ? html`<p>${at(lang, 'warningText', { minutes: v.minutes, time: v.time })}</p>
              <p>${at(lang, 'warningHint')}</p>`
          : html`<p>${at(lang, 'expiredText')}</p>`
      }
    </div>
    <div class="actions">
      ${
        warning
          ? html`<button type="button" class="primary" part="button button-primary" @click=${() => v.onExtend()}>
              ${at(lang, 'extend')}
            </button>`
          : html`<button type="button" class="primary" part="button button-primary" @click=${() => v.onLogin()}>
              ${at(lang, 'loginAgain', { level: levelText(lang, v.level) })}
            </button>`
      }
      <button type="button" class="secondary" part="button" @click=${() => v.onClose()}>
        ${at(lang, warning ? 'notNow' : 'close')}
      </button>
    </div>
  </dialog>`;
}

/** The element that has the keyboard focus, through open shadow roots. */
export function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

type Host = HTMLElement & { readonly updateComplete: Promise<unknown> };

/** Shows the host's rendered dialog as a modal, with the focus on its first button. */
export function showDialog(host: Host): void {
  void host.updateComplete.then(() => {
    const dialog = host.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('button')?.focus();
  });
}

/** Closes the host's dialog; the focus goes back where it was (`back`), or `elsewhere` decides. */
export function closeDialog(host: Host, back: HTMLElement | undefined, elsewhere: () => void): void {
  host.querySelector('dialog')?.close();
  void host.updateComplete.then(() => {
    if (back?.isConnected) back.focus();
    else elsewhere();
  });
}
