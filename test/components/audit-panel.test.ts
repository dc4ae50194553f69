/**
 * The editors' audit panel (<ozg-form audit>) against a real form: a second run tests the same states
 * as the first, the panel follows the form's language, rule links say their language with hreflang,
 * notes on the embedding carry their WCAG criterion, and unlabelled questions are findings.
 */
import { expect } from '@open-wc/testing';
import { mountAudit } from '../../src/components/audit/audit-mount.js';
import type { OzgAuditPanel } from '../../src/components/audit/audit-panel.js';
import type { OzgForm } from '../../src/index.js';
import { renderForm } from '../support/form.js';

const LABELLED = {
  title: 'Testformular',
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', title: 'Name' } },
};

const UNLABELLED = {
  title: 'Testformular',
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'string' }, d: { type: 'string', title: 'Mit Titel' } },
};

const text = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function part(panel: OzgAuditPanel, selector: string): HTMLElement[] {
  return [...panel.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** The states listed under "Geprüfte Zustände". */
const listedStates = (panel: OzgAuditPanel): string[] => part(panel, '#results + ul > li').map((li) => text(li));

/** Switches the form's language as a page's language switch does, and lets both elements render. */
async function switchLang(form: OzgForm, panel: OzgAuditPanel, lang: string): Promise<void> {
  form.setAttribute('lang', lang);
  await form.updateComplete;
  await new Promise((resolve) => setTimeout(resolve));
  await panel.updateComplete;
}

let style: HTMLStyleElement | undefined;
let heading: HTMLElement | undefined;
afterEach(() => {
  style?.remove();
  heading?.remove();
  style = heading = undefined;
});

async function audited(definition: object, css = ''): Promise<{ form: OzgForm; panel: OzgAuditPanel }> {
  heading = document.createElement('h1');
  heading.textContent = 'Amt';
  document.body.prepend(heading);
  if (css) {
    style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
  }
  const form = await renderForm(definition, { lang: 'de' });
  const panel = mountAudit(form);
  await panel.updateComplete;
  await panel.start();
  await panel.updateComplete;
  return { form, panel };
}

describe('audit panel', function () {
  this.timeout(60_000);

  it('"Erneut prüfen" tests the same states as "Prüfung starten" (not only the error state left behind)', async () => {
    const { form, panel } = await audited(LABELLED);
    const first = listedStates(panel);
    expect(first).to.deep.equal([
      'Schritt 1: Ihre Angaben: ohne Verstöße',
      'Fehlerzustand, Schritt 1: Ihre Angaben: ohne Verstöße',
    ]);
    expect(!!form.shadowRoot!.querySelector('[part~="error-summary"]')).to.equal(true);
    await panel.start();
    await panel.updateComplete;
    expect(listedStates(panel)).to.deep.equal(first);
    expect(text(part(panel, '[role="status"]')[0])).to.equal('2 Zustände geprüft: keine Verstöße gefunden.');
  });

  it('follows a language switch of the form at once: heading, intro, buttons, status and results', async () => {
    const { form, panel } = await audited(LABELLED);
    expect(text(part(panel, 'h2')[0])).to.equal('Barrierefreiheitsprüfung (Redaktion)');
    await switchLang(form, panel, 'en');
    expect(text(part(panel, 'h2')[0])).to.equal('Accessibility audit (editors)');
    expect(part(panel, 'section')[0].getAttribute('lang')).to.equal('en');
    expect(text(part(panel, 'p')[0])).to.contain('Only you see this audit');
    expect(part(panel, 'button').map((b) => text(b))).to.deep.equal([
      'Audit again',
      'Download accessibility statement (Markdown)',
      'Download accessibility statement (HTML)',
    ]);
    expect(text(part(panel, '[role="status"]')[0])).to.equal('2 states tested: no violations found.');
    expect(text(part(panel, '#results')[0])).to.equal('States tested');
    expect(listedStates(panel)[0]).to.equal('Step 1: Ihre Angaben: no violations');
    await switchLang(form, panel, 'de');
    expect(text(part(panel, 'h2')[0])).to.equal('Barrierefreiheitsprüfung (Redaktion)');
  });

  it('rule links are German text pointing to an English page (hreflang, not lang); notes carry their criterion', async () => {
    const { panel } = await audited(
      LABELLED,
      'ozg-form { --ozg-color-primary: #7fb3ff; --ozg-color-focus: #dddddd; --ozg-color-border: #cccccc; }',
    );
    const links = part(panel, '.finding a');
    expect(links.length > 0).to.equal(true);
    for (const link of links) {
      expect(link.hasAttribute('lang')).to.equal(false);
      expect(link.getAttribute('hreflang')).to.equal('en');
      expect(text(link)).to.match(/^Mehr zur Regel „[\w-]+“ \(englisch\)$/);
    }
    const hints = part(panel, 'h3')
      .find((h) => text(h) === 'Hinweise zur Einbettung')
      ?.nextElementSibling?.querySelectorAll('li');
    const items = [...(hints ?? [])].map((li) => text(li));
    expect(items.length).to.equal(2);
    expect(items[0]).to.match(/^WCAG-Kriterium 1\.4\.11 Nicht-Text-Kontrast: --ozg-color-border \(#cccccc\)/);
    expect(items[1]).to.match(/^WCAG-Kriterium 1\.4\.11 Nicht-Text-Kontrast: --ozg-color-focus \(#dddddd\)/);
    expect(text(part(panel, '[role="status"]')[0])).to.match(/Verstöße? an Elementen, 2 Hinweise zur Einbettung\.$/);
  });

  it('host failures alone: the status names the notes instead of "keine Verstöße gefunden"', async () => {
    const { panel } = await audited(LABELLED, 'ozg-form { --ozg-color-focus: #dddddd; }');
    expect(text(part(panel, '[role="status"]')[0])).to.equal(
      '2 Zustände geprüft: keine Verstöße im Formular, 1 Hinweis zur Einbettung.',
    );
  });

  it('questions without a title are findings (WCAG 2.4.6, 3.3.2), in German and English', async () => {
    const { form, panel } = await audited(UNLABELLED);
    const section = part(panel, 'h3').find((h) => text(h) === 'Mängel der Formulardefinition');
    expect(!!section).to.equal(true);
    const items = [...section!.nextElementSibling!.querySelectorAll('li')].map((li) => text(li));
    expect(items).to.deep.equal([
      'WCAG-Kriterium 2.4.6 Überschriften und Beschriftungen; 3.3.2 Beschriftungen oder Anweisungen: Die Frage „a“ hat keine Beschriftung. Ergänzen Sie "title" (z. B. "title": "Vorname"), sonst liest der Screenreader nur den technischen Namen vor. (Stelle in der Definition: /properties/a)',
    ]);
    expect(text(part(panel, '[role="status"]')[0])).to.equal(
      '2 Zustände geprüft: keine Verstöße an Elementen, 1 Mangel der Formulardefinition.',
    );
    await switchLang(form, panel, 'en');
    const en = part(panel, 'h3').find((h) => text(h) === 'Problems in the form definition');
    expect(text(en?.nextElementSibling)).to.contain('The question "a" has no label.');
  });
});
