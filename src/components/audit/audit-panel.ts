import { html, LitElement, nothing } from 'lit';
import { definitionFindings, type DefinitionFinding } from '../../modules/audit/definition.js';
import { hostHints } from '../../modules/audit/hints.js';
import {
  counted,
  findingsByRule,
  looseHints,
  resultText,
  stateFromAxe,
  stateName,
  type AuditReport,
  type AuditState,
} from '../../modules/audit/report.js';
import { statementHtml, statementMarkdown } from '../../modules/audit/statement.js';
import type { AuditLang } from '../../modules/audit/wcag.js';
import { resolveLang } from '../../modules/i18n/ui-texts.js';
import { checkLabels } from '../../schemas/check/labels.js';
import { styles } from './audit-panel.styles.js';
import { renderDefinition, renderFinding, renderHints } from './audit-panel-view.js';
import { readHostSnapshot } from './host-snapshot.js';
import { at } from './texts.js';

type Runner = typeof import('../../modules/audit/axe-runner.js');

/** What the form shows now, read from its public parts. */
interface Shown {
  key: string;
  label: { de: string; en: string };
}

/** The public parts of <ozg-form> the panel reads and uses. */
type AuditedForm = HTMLElement & {
  phase?: string;
  schema?: unknown;
  src?: string;
  currentStep?: number;
  showStep?: (index: number, options: { focus: boolean }) => void;
  updateComplete?: Promise<unknown>;
};

/** A status line, written in whatever language the form has when it is shown. */
type Status = (lang: AuditLang) => string;

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

  declare status: Status;
  declare report?: AuditReport;
  declare busy: boolean;

  /** The form under audit. */
  form?: HTMLElement;
  private runner?: Promise<Runner>;
  private following = false;
  private stepIndex = 0;
  /** The step the first walk began on: a later walk starts there again. */
  private startStep?: number;
  private definition?: DefinitionFinding[];
  private readonly states = new Map<string, AuditState>();
  // The form's language can change at any time (`lang`, as <ozg-form> itself follows it): so does the panel.
  private readonly langObserver = new MutationObserver(() => this.requestUpdate());

  constructor() {
    super();
    this.status = () => '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.form?.addEventListener('ozg-step', this.onStep);
    if (this.form) this.langObserver.observe(this.form, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.form?.removeEventListener('ozg-step', this.onStep);
    this.langObserver.disconnect();
  }

  private get viewLang(): AuditLang {
    return resolveLang(this.form?.getAttribute('lang'), this.form?.parentElement ?? undefined);
  }

  private get audited(): AuditedForm {
    return this.form as AuditedForm;
  }

  private readonly onStep = (event: Event): void => {
    this.stepIndex = (event as CustomEvent<{ index: number }>).detail.index;
    if (this.following && !this.busy) void this.afterRender().then(() => this.auditShown());
  };

  private async afterRender(): Promise<void> {
    await this.audited.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }

  /** Resolves once the form shows its questions or its load error: pressed early, the walk waits. */
  private async formLoaded(): Promise<void> {
    const form = this.audited;
    if (form.phase === 'loading') {
      this.status = (lang) => at(lang, 'waiting');
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

  /**
   * Every walk starts from the same state: the step the first walk began on, without the error summary a
   * previous walk (or the editor) left, so "Erneut prüfen" tests the same states as "Prüfung starten".
   */
  private async resetForm(): Promise<void> {
    const form = this.audited;
    const step = form.currentStep;
    if (typeof step !== 'number' || (form.phase !== 'filling' && form.phase !== 'review')) return;
    this.startStep ??= step;
    if (step === this.startStep && !this.formPart('error-summary')) return;
    // The editor's focus stays on the panel's button.
    form.showStep?.(this.startStep, { focus: false });
    this.stepIndex = this.startStep;
    await this.afterRender();
  }

  /** The checker's label errors for the form's definition (undefined when it cannot be read). */
  private async checkDefinition(): Promise<DefinitionFinding[] | undefined> {
    const form = this.audited;
    try {
      const definition = form.schema ?? (form.src ? await (await fetch(form.src)).json() : undefined);
      return definition === undefined ? undefined : definitionFindings(checkLabels(definition));
    } catch {
      return undefined;
    }
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
    const step = this.audited.currentStep;
    const n = (typeof step === 'number' ? step : this.stepIndex) + 1;
    const error = !!this.formPart('error-summary');
    const which = error ? 'error' : 'step';
    return { key: `${which}:${n}`, label: { de: at('de', which, { n, title }), en: at('en', which, { n, title }) } };
  }

  private async auditShown(): Promise<void> {
    if (!this.form) return;
    const shown = this.shown();
    this.status = (lang) => at(lang, 'running', { state: shown.label[lang] });
    const runner = await (this.runner ??= import('../../modules/audit/axe-runner.js'));
    const results = await runner.runAxe(this.form);
    this.states.set(shown.key, stateFromAxe(results, shown.key, shown.label, runner.germanTexts));
    const title = this.formPart('title')?.textContent?.trim() ?? '';
    const report: AuditReport = {
      date: new Date().toISOString(),
      url: location.href,
      form: { de: title, en: title },
      axeVersion: runner.axeVersion,
      tool: 'ozg-form audit mode',
      states: [...this.states.values()],
      hostHints: hostHints(readHostSnapshot(this.form)),
      ...(this.definition ? { definition: this.definition } : {}),
    };
    this.report = report;
    const states = this.states.size;
    this.status = (lang) =>
      at(lang, 'result', { states: counted(lang, states, 'state'), result: resultText(report, lang, false) });
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
      await this.resetForm();
      this.status = (lang) => at(lang, 'loading');
      this.definition = await this.checkDefinition();
      await this.auditShown();
      for (let guard = 0; guard < 50 && !this.formPart('error-summary'); guard++) {
        const outcome = await this.pressNext();
        if (outcome === 'none') break;
        await this.auditShown();
        if (outcome === 'error') break;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.status = (lang) => at(lang, 'failed', { message });
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

  protected override render() {
    const lang = this.viewLang;
    const report = this.report;
    const findings = report ? findingsByRule(report) : [];
    const hints = report ? looseHints(report) : [];
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
      <p role="status">${this.status(lang)}</p>
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
              ${
                findings.length
                  ? findings.map((f) => renderFinding(f, lang, report))
                  : html`<p>
                      ${at(lang, hints.length || report.definition?.length ? 'noElementFindings' : 'noFindings')}
                    </p>`
              }
              ${renderDefinition(report.definition, lang)} ${renderHints(hints, lang)}`
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
