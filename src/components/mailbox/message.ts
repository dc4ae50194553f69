import { html, nothing } from 'lit';
import type { CaseMessage } from '../../modules/return-channel/client.js';
import { paragraphs } from '../../modules/return-channel/paragraphs.js';
import { formatDate } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';
import type { MailboxTextKey } from './texts.js';

type Words = (key: MailboxTextKey) => string;

/**
 * One message of the mailbox. A Bescheid shows its subject as a heading (h4, under "Nachrichten") and
 * the case worker's text paragraph by paragraph, as text (Lit escapes it; nothing is parsed as HTML),
 * followed by the PDF download.
 */
export function renderMessage(m: CaseMessage, t: Words, lang: Lang, download: (m: CaseMessage) => void) {
  const fromAuthority = m.direction !== 'from-applicant';
  const meta = html`<p class="meta">
    <strong>${fromAuthority ? t('fromAuthority') : t('fromYou')}</strong>,
    <time datetime=${m.createdAt}>${formatDate(lang, new Date(m.createdAt))}</time>
  </p>`;
  if (m.kind !== 'bescheid')
    return html`<li class=${fromAuthority ? 'message in' : 'message out'} part="message">
      ${meta}
      <p class="text">${m.text ?? ''}</p>
    </li>`;
  const body = paragraphs(m.text);
  const headingId = `bescheid-${m.id}`;
  const heading = m.subject?.trim() || t('bescheid');
  // "Bescheid" above a heading that says it already would be read twice.
  const saysKind = heading.toLowerCase().startsWith(t('bescheid').toLowerCase());
  return html`<li class="message in bescheid" part="message bescheid">
    ${meta}
    <article aria-labelledby=${headingId}>
      ${saysKind ? nothing : html`<p class="kind">${t('bescheid')}</p>`}
      <h4 id=${headingId}>${heading}</h4>
      ${
        body.length
          ? body.map((p) => html`<p class="text">${p}</p>`)
          : html`<p class="text">${t('bescheidOnlyPdf')}</p>`
      }
      <button type="button" part="button" @click=${() => download(m)}>${t('download')}</button>
    </article>
  </li>`;
}
