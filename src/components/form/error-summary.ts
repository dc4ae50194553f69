import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { FieldError } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';
import { fieldId } from '../fields/ids.js';

/** "Es gibt ein Problem": a list of links, each moving focus to its question (GOV.UK pattern). */
export function renderErrorSummary(errors: FieldError[], lang: Lang, go: (pointer: string) => void) {
  if (errors.length === 0) return nothing;
  // The box takes focus; the alert is an inner container (GOV.UK), so moving focus onto the box does
  // not cut off the alert's announcement.
  return html`<div class="error-summary" part="error-summary" tabindex="-1">
    <div role="alert">
      <h3 id="error-summary-title">${t(lang, 'errorSummaryTitle')}</h3>
      <ul>
        ${errors.map(
          (error) =>
            html`<li>
              <a
                href="#${fieldId(error.pointer)}"
                @click=${(event: Event) => {
                  event.preventDefault();
                  go(error.pointer);
                }}
                >${error.message}</a
              >
            </li>`,
        )}
      </ul>
    </div>
  </div>`;
}
