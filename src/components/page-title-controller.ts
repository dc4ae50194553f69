import type { ReactiveController, ReactiveElement } from 'lit';
import { resolveLang } from '../modules/i18n/ui-texts.js';
import type { OzgReadyDetail, OzgStepDetail } from './events.js';

const TEXTS = {
  de: { error: 'Fehler', step: 'Schritt {n} von {total}' },
  en: { error: 'Error', step: 'Step {n} of {total}' },
};

/**
 * Keeps the document title in step with the form (WCAG 2.4.2, as GOV.UK does):
 * "Fehler: Schritt 2 von 5: Hunde – <the page's own title>". A screen-reader user hears where they
 * are after every step, error and the receipt. On by default when the form is in the page's <main>;
 * `page-title="off"` turns it off, `page-title="on"` turns it on anywhere.
 *
 * Adopt in an element with one line: `private readonly pageTitle = new PageTitleController(this);`
 * It reads only the element's public surface: its `ozg-ready`/`ozg-step` events, its parts and where
 * focus goes.
 */
export class PageTitleController implements ReactiveController {
  private original?: string;
  private index = 0;
  private steps = 0;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  private readonly onReady = (event: Event): void => {
    this.steps = (event as CustomEvent<OzgReadyDetail>).detail.steps;
    this.index = 0;
    this.apply();
  };

  /** The sending view, the receipt and the payment are elements of their own that render without the
   * form: their outcome events come after they changed what they show, the title once they rendered. */
  private readonly onChild = (event: Event): void => {
    const from = event.composedPath()[0] as Partial<ReactiveElement>;
    void (from.updateComplete ?? Promise.resolve()).then(() => this.apply());
  };

  /** A view that moved focus to its heading after it rendered on its own (the payment's outcome on the
   * way back from the provider, whose code arrives after the form's update): its title. */
  private readonly onFocus = (event: Event): void => {
    if ((event.composedPath()[0] as Element).classList?.contains('step-title')) this.apply();
  };

  private readonly onStep = (event: Event): void => {
    const detail = (event as CustomEvent<OzgStepDetail>).detail;
    this.index = detail.index;
    this.steps = detail.steps;
  };

  /** Whether the form should own the document title. */
  get enabled(): boolean {
    const setting = this.host.getAttribute('page-title');
    if (setting === 'off') return false;
    if (setting === 'on' || setting === '') return true;
    return !!this.host.closest('main, [role="main"]');
  }

  hostConnected(): void {
    this.original ??= document.title;
    this.host.addEventListener('ozg-ready', this.onReady);
    this.host.addEventListener('ozg-step', this.onStep);
    this.host.addEventListener('ozg-submission', this.onChild);
    this.host.addEventListener('ozg-payment', this.onChild);
    this.host.addEventListener('focusin', this.onFocus);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('ozg-ready', this.onReady);
    this.host.removeEventListener('ozg-step', this.onStep);
    this.host.removeEventListener('ozg-submission', this.onChild);
    this.host.removeEventListener('ozg-payment', this.onChild);
    this.host.removeEventListener('focusin', this.onFocus);
    if (this.original !== undefined && this.enabled) document.title = this.original;
  }

  hostUpdated(): void {
    this.apply();
  }

  /** The title for what the form shows now (undefined before a step shows). */
  compose(): string | undefined {
    const root = this.host.renderRoot as ParentNode | undefined;
    // (Runs after every update of the form: only cheap queries, none that looks through all questions.
    // The error summary stands above the step's heading, so one query that stops at the first of the
    // two tells both; a query for the summary alone went through the whole form when there was none.)
    const first = root?.querySelector('.error-summary, .step-title');
    const error = !!first?.matches('.error-summary[part~="error-summary"]');
    const title = error ? root?.querySelector('.step-title') : first;
    const heading = title?.textContent?.trim();
    if (!title || !heading) return undefined;
    const lang = resolveLang(this.host.getAttribute('lang'), this.host.parentElement ?? undefined);
    const t = TEXTS[lang];
    // The receipt, the sending view and the payment carry their own heading.
    const finished = !!title.closest('[part~="receipt"], [part~="submission"], [part~="payment"]');
    // The review page counts as the last step, as the step indicator shows it.
    const total = this.steps + 1;
    const where =
      finished || this.steps < 1
        ? heading
        : `${t.step.replace('{n}', String(Math.min(this.index, this.steps) + 1)).replace('{total}', String(total))}: ${heading}`;
    const page = this.original ?? '';
    return `${error ? `${t.error}: ` : ''}${where}${page ? ` – ${page}` : ''}`;
  }

  private apply(): void {
    if (!this.enabled) return;
    const title = this.compose();
    if (title && document.title !== title) document.title = title;
  }
}
