/**
 * The parts of the audit panel's report (src/components/audit/audit-panel.ts): a violated rule, the
 * notes on the embedding (each with its WCAG criterion) and the problems of the form definition.
 */
import { html, nothing } from 'lit';
import type { DefinitionFinding } from '../../modules/audit/definition.js';
import type { HostHint } from '../../modules/audit/hints.js';
import { stateName, type AuditReport, type RuleFinding } from '../../modules/audit/report.js';
import { criterionLabel, CRITERIA, type AuditLang } from '../../modules/audit/wcag.js';
import { at } from './texts.js';

const criteria = (ids: string[], lang: AuditLang): string =>
  ids.map((id) => (CRITERIA.has(id) ? criterionLabel(CRITERIA.get(id)!, lang) : id)).join('; ');

export function renderFinding(f: RuleFinding, lang: AuditLang, report: AuditReport) {
  const names = f.states.map((k) =>
    stateName(
      report.states.find((s) => s.key === k)!,
      lang,
    ),
  );
  return html`<article class="finding">
    <h4>${f.help[lang]}</h4>
    <dl>
      <dt>${at(lang, 'criterion')}</dt>
      <dd>${f.criteria.length ? criteria(f.criteria, lang) : f.rule}</dd>
      <dt>${at(lang, 'where')}</dt>
      <dd>${names.join(', ')}</dd>
      <dt>${at(lang, 'elements')}</dt>
      <dd>
        <ul>
          ${f.nodes.slice(0, 8).map((n) => html`<li><code>${n.target}</code></li>`)}
        </ul>
      </dd>
      ${f.hints.map(
        (h) =>
          html`<dt>${at(lang, 'host')}</dt>
            <dd class="host">${h.problem[lang]}</dd>
            <dt>${at(lang, 'fix')}</dt>
            <dd class="host">${h.fix[lang]}</dd>`,
      )}
    </dl>
    <p>
      <a href=${f.helpUrl} target="_blank" rel="noopener" hreflang="en">${at(lang, 'more', { rule: f.rule })}</a>
    </p>
  </article>`;
}

/** The notes on the embedding that explain no violation, each led by its WCAG criterion. */
export function renderHints(hints: HostHint[], lang: AuditLang) {
  if (!hints.length) return nothing;
  return html`<h3>${at(lang, 'hints')}</h3>
    <ul>
      ${hints.map(
        (h) =>
          html`<li>
            <strong>${at(lang, 'criterion')} ${criteria([h.criterion], lang)}:</strong> ${h.problem[lang]}
            <strong>${at(lang, 'fix')}:</strong> ${h.fix[lang]}
          </li>`,
      )}
    </ul>`;
}

/** Questions without a label (the definition checker's errors). */
export function renderDefinition(found: DefinitionFinding[] | undefined, lang: AuditLang) {
  if (!found?.length) return nothing;
  return html`<h3>${at(lang, 'definition')}</h3>
    <ul>
      ${found.map(
        (d) =>
          html`<li>
            <strong>${at(lang, 'criterion')} ${criteria(d.criteria, lang)}:</strong> ${d.message[lang]}
            (${at(lang, 'place')}: <code>${d.pointer || '/'}</code>)
          </li>`,
      )}
    </ul>`;
}
