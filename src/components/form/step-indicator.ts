import { html, nothing } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';

/** "Schritt 2 von 5" and the list of steps, the current one marked for assistive technology. */
export function renderStepIndicator(titles: string[], current: number, lang: Lang) {
  if (titles.length < 2) return nothing;
  const all = [...titles, t(lang, 'review')];
  return html`<nav class="progress" part="progress" aria-label=${t(lang, 'steps')}>
    <p class="progress-text">${t(lang, 'step', { current: current + 1, total: all.length })}</p>
    <ol class="progress-steps">
      ${all.map(
        (title, i) =>
          html`<li
            class=${i < current ? 'done' : i === current ? 'current' : ''}
            aria-current=${i === current ? 'step' : nothing}
          >
            <span class="visually-hidden">${t(lang, 'step', { current: i + 1, total: all.length })}: </span>${title}
          </li>`,
      )}
    </ol>
  </nav>`;
}
