import { html, LitElement, nothing } from 'lit';
import { hostHints } from '../../modules/audit/hints.js';
import {
  counted,
  findingsByRule,
  stateFromAxe,
  stateName,
  violationCount,
  type AuditReport,
  type AuditState,
  type RuleFinding,
} from '../../modules/audit/report.js';
import { statementHtml, statementMarkdown } from '../../modules/audit/statement.js';
import { criterionLabel, CRITERIA, type AuditLang } from '../../modules/audit/wcag.js';
import { resolveLang } from '../../modules/i18n/ui-texts.js';
import { styles } from './audit-panel.styles.js';
import { readHostSnapshot } from './host-snapshot.js';
import { at } from './texts.js';

type Runner = typeof import('../../modules/audit/axe-runner.js');

/** What the form shows now, read from its public parts. */
interface Shown {
  key: string;
  label: { de: string; en: string };
}

/**
 * The report panel of audit mode, placed by `<ozg-form audit>` (or `?ozg-audit`) right after the form.
 *
 * @summary Accessibility audit of an embedded form (axe-core, WCAG 2.1 A/AA), for editors.
 */
export class OzgAuditPanel extends LitElement {
  static override styles = styles;

  static override properties = {
    status: { state: true },
    report: { state: true },
    busy: { state: true },
  };

  declare status: string;
  declare report?: AuditReport;
  declare busy: boolean;

  /** The form under audit. */
  form?: HTMLElement;
  private runner?: Promise<Runner>;
  private following = false;
  private stepIndex = 0;
  private readonly states = new Map<string, AuditState>();

  constructor() {
    super();
    this.status = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.form?.addEventListener('ozg-step', this.onStep);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.form?.removeEventListener('ozg-step', this.onStep);
  }

  private get viewLang(): AuditLang {
    return resolveLang(this.form?.getAttribute('lang'), this.form?.parentElement ?? undefined);
  }

  private readonly onStep = (event: Event): void => {
    this.stepIndex = (event as CustomEvent<{ index: number }>).detail.index;
    if (this.following && !this.busy) void this.afterRender().then(() => this.auditShown());
  };

  private async afterRender(): Promise<void> {
    await (this.form as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }

  /** Resolves once the form shows its questions or its load error: pressed early, the walk waits. */
  private async formLoaded(): Promise<void> {
    const form = this.form as HTMLElement & { phase?: string };
    if (form.phase === 'loading') {
      this.status = at(this.viewLang, 'waiting');
      await new Promise<void>((resolve) => {
        const done = () => {
          form.removeEventListener('ozg-ready', done);
          form.removeEventListener('ozg-error', done);
          resolve();
        };
        form.addEventListener('ozg-ready', done);
        form.addEventListener('ozg-error', done);
      });
    }
    await this.afterRender();
  }

  private formPart(name: string): HTMLElement | null {
    return this.form?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
  }

  private shown(): Shown {
    const root = this.form?.shadowRoot;
    const named = (key: 'review' | 'loadError'): Shown => ({ key, label: { de: at('de', key), en: at('en', key) } });
    if (this.formPart('review')) return named('review');
    if (this.formPart('load-error')) return named('loadError');
    const title = root?.querySelector('.step-title')?.textContent?.trim() ?? '';
    const n = this.stepIndex + 1;
    const error = !!this.formPart('error-summary');
    const which = error ? 'error' : 'step';
    return { key: `${which}:${n}`, label: { de: at('de', which, { n, title }), en: at('en', which, { n, title }) } };
  }

  private async auditShown(): Promise<void> {
    if (!this.form) return;
    const shown = this.shown();
    this.status = at(this.viewLang, 'running', { state: shown.label[this.viewLang] });
    const runner = await (this.runner ??= import('../../modules/audit/axe-runner.js'));
    const results = await runner.runAxe(this.form);
    this.states.set(shown.key, stateFromAxe(results, shown.key, shown.label, runner.germanTexts));
    this.report = {
      date: new Date().toISOString(),
      url: location.href,
      form: {
        de: this.formPart('title')?.textContent?.trim() ?? '',
        en: this.formPart('title')?.textContent?.trim() ?? '',
      },
      axeVersion: runner.axeVersion,
      tool: 'ozg-form audit mode',
      states: [...this.states.values()],
      hostHints: hostHints(readHostSnapshot(this.form)),
    };
    const n = violationCount(this.report);
    const lang = this.viewLang;
    this.status = at(lang, n ? 'done' : 'clean', {
      states: counted(lang, this.states.size, 'state'),
      n: counted(lang, n, 'violation'),
    });
  }

  /** Presses the form's primary button ("Weiter") once and waits for what follows. */
  private async pressNext(): Promise<'step' | 'error' | 'none'> {
    const button = this.formPart('button-primary');
    if (!button || this.formPart('review')) return 'none';
    const form = this.form!;
    const outcome = new Promise<'step' | 'error' | 'none'>((resolve) => {
      const done = (value: 'step' | 'error' | 'none') => {
        observer.disconnect();
        form.removeEventListener('ozg-step', onStep);
        clearTimeout(timer);
        resolve(value);
      };
      const onStep = () => done('step');
      const observer = new MutationObserver(() => {
        if (this.formPart('error-summary')) done('error');
      });
      observer.observe(form.shadowRoot!, { childList: true, subtree: true });
      form.addEventListener('ozg-step', onStep);
      // A form that neither moves on nor shows errors (e.g. waits for a login) ends the walk.
      const timer = setTimeout(() => done('none'), 10_000);
    });
    button.click();
    const result = await outcome;
    await this.afterRender();
    return result;
  }

  /** Audits the step shown, then its error state (or the steps that need no answers up to one that does). */
  async start(): Promise<void> {
    if (this.busy || !this.form) return;
    this.busy = true;
    this.following = false;
    this.states.clear();
    try {
      await this.formLoaded();
      this.status = at(this.viewLang, 'loading');
      await this.auditShown();
      for (let guard = 0; guard < 50 && !this.formPart('error-summary'); guard++) {
        const outcome = await this.pressNext();
        if (outcome === 'none') break;
        await this.auditShown();
        if (outcome === 'error') break;
      }
    } catch (error) {
      this.status = at(this.viewLang, 'failed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
      this.following = true;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#results')?.focus();
  }

  private download(kind: 'md' | 'html'): void {
    if (!this.report) return;
    const lang = this.viewLang;
    const content = kind === 'md' ? statementMarkdown(this.report, lang) : statementHtml(this.report, lang);
    const blob = new Blob([content], {
      type: kind === 'md' ? 'text/markdown;charset=utf-8' : 'text/html;charset=utf-8',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${lang === 'de' ? 'erklaerung-barrierefreiheit' : 'accessibility-statement'}.${kind}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  private renderFinding(f: RuleFinding, lang: AuditLang, report: AuditReport) {
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
        <dd>
          ${f.criteria.length ? f.criteria.map((id) => criterionLabel(CRITERIA.get(id)!, lang)).join('; ') : f.rule}
        </dd>
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
      <p><a href=${f.helpUrl} target="_blank" rel="noopener" lang="en">${at(lang, 'more', { rule: f.rule })}</a></p>
    </article>`;
  }

  protected override render() {
    const lang = this.viewLang;
    const report = this.report;
    const findings = report ? findingsByRule(report) : [];
    const loose = report ? report.hostHints.filter((h) => !findings.some((f) => f.hints.includes(h))) : [];
    return html`<section aria-labelledby="audit-title" lang=${lang}>
      <h2 id="audit-title">${at(lang, 'title')}</h2>
      <p>${at(lang, 'intro')}</p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => void this.start()}
        >
          ${at(lang, report ? 'restart' : 'start')}
        </button>
        ${
          report
            ? html`<button type="button" @click=${() => this.download('md')}>${at(lang, 'statementMd')}</button>
                <button type="button" @click=${() => this.download('html')}>${at(lang, 'statementHtml')}</button>`
            : nothing
        }
      </div>
      <p role="status">${this.status}</p>
      ${
        report
          ? html` <h3 id="results" tabindex="-1">${at(lang, 'states')}</h3>
              <ul>
                ${report.states.map((s) => {
                  const n = s.violations.reduce((sum, v) => sum + v.nodes.length, 0);
                  return html`<li>
                    ${stateName(s, lang)}:
                    <span class=${n ? 'bad' : ''}>${n ? counted(lang, n, 'violation') : at(lang, 'ok')}</span>
                  </li>`;
                })}
              </ul>
              <h3>${at(lang, 'findings')}</h3>
              ${findings.length ? findings.map((f) => this.renderFinding(f, lang, report)) : html`<p>${at(lang, 'noFindings')}</p>`}
              ${
                loose.length
                  ? html`<h3>${at(lang, 'hints')}</h3>
                      <ul>
                        ${loose.map((h) => html`<li>${h.problem[lang]} <strong>${at(lang, 'fix')}:</strong> ${h.fix[lang]}</li>`)}
                      </ul>`
                  : nothing
              }`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-audit-panel': OzgAuditPanel;
  }
}
