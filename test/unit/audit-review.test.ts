/**
 * Review of the editors' audit: host-configuration failures and unlabelled questions count, hidden
 * headings are not part of the outline, and the heading fix says something true.
 */
import { expect } from '@open-wc/testing';
import { readHostSnapshot } from '../../src/components/audit/host-snapshot.js';
import { parseColor } from '../../src/modules/audit/contrast.js';
import { definitionFindings } from '../../src/modules/audit/definition.js';
import { contrastHints, headingHints, THEME_DEFAULTS, type HostSnapshot } from '../../src/modules/audit/hints.js';
import { auditFailed, formatText, resultText, type AuditReport } from '../../src/modules/audit/report.js';
import { statementMarkdown } from '../../src/modules/audit/statement.js';
import { checkAll, checkLabels } from '../../src/schemas/check/index.js';

const WHITE = { r: 255, g: 255, b: 255, a: 1 };

function snapshot(overrides: Record<string, string> = {}, rest: Partial<HostSnapshot> = {}): HostSnapshot {
  const colors: HostSnapshot['colors'] = {};
  for (const [name, value] of Object.entries({ ...THEME_DEFAULTS, ...overrides }))
    colors[name] = { value: overrides[name] ?? '', rgb: parseColor(value) };
  return { colors, background: WHITE, headingBefore: 1, formHeading: 2, pageHasH1: true, ...rest };
}

const UNLABELLED = {
  title: 'Testformular',
  type: 'object',
  required: ['a', 'c'],
  properties: {
    a: { type: 'string' },
    b: { type: 'boolean' },
    c: { enum: ['x', 'y'] },
    d: { type: 'string', title: 'Mit Titel' },
  },
};

function clean(extra: Partial<AuditReport> = {}): AuditReport {
  return {
    date: '2026-12-06T04:00:00.000Z',
    url: 'https://www.musterstadt.de/hundesteuer',
    form: { de: 'Hund anmelden', en: 'Register a dog' },
    axeVersion: '4.14.1',
    tool: 'test',
    states: [{ key: 'step:1', label: { de: 'Schritt 1', en: 'Step 1' }, violations: [], passes: 3, incomplete: [] }],
    hostHints: [],
    ...extra,
  };
}

describe('audit review 1: failing host checks count', () => {
  const focus = contrastHints(snapshot({ '--ozg-color-focus': '#dddddd', '--ozg-color-border': '#cccccc' }));

  it('a report with only host hints has failed, and its sentence names the hints (de, en)', () => {
    expect(focus).to.have.length(2);
    expect(auditFailed(clean())).to.equal(false);
    expect(auditFailed(clean({ hostHints: focus }))).to.equal(true);
    expect(auditFailed(clean({ hostHints: headingHints(snapshot({}, { headingBefore: 4 })) }))).to.equal(true);
    expect(resultText(clean(), 'de')).to.equal('keine Verstöße gefunden');
    expect(resultText(clean({ hostHints: focus }), 'de')).to.equal(
      'keine Verstöße im Formular, 2 Hinweise zur Einbettung',
    );
    expect(resultText(clean({ hostHints: focus.slice(0, 1) }), 'en')).to.equal(
      'no violations in the form, 1 note on the embedding',
    );
  });

  it('the text report no longer says "Keine Verstöße gefunden." above its hints', () => {
    const de = formatText(clean({ hostHints: focus }), 'de');
    expect(de).not.to.contain('Keine Verstöße gefunden.');
    expect(de).to.contain('Keine Verstöße im Formular, 2 Hinweise zur Einbettung.');
    expect(de).to.contain('! 1.4.11 --ozg-color-focus (#dddddd)');
    expect(formatText(clean({ hostHints: focus }), 'en')).to.contain(
      'No violations in the form, 2 notes on the embedding.',
    );
    expect(formatText(clean(), 'de')).to.contain('Keine Verstöße gefunden.');
  });
});

describe('audit review 2: questions without a label', () => {
  it('the checker’s label errors (as in checkAll) become WCAG 2.4.6 / 3.3.2 findings', () => {
    const labels = checkLabels(UNLABELLED);
    expect(labels.map((p) => p.pointer)).to.deep.equal(['/properties/a', '/properties/b', '/properties/c']);
    // the same errors ozg-form-check reports
    const all = checkAll(UNLABELLED).filter((p) => !p.severity);
    for (const p of labels)
      expect(all.some((q) => q.pointer === p.pointer && q.message.de === p.message.de)).to.equal(true);
    const findings = definitionFindings(labels);
    expect(findings[0].criteria).to.deep.equal(['2.4.6', '3.3.2']);
    expect(findings[0].message.de).to.contain('Die Frage „a“ hat keine Beschriftung');
    expect(findings[0].message.en).to.contain('The question "a" has no label');
    expect(
      definitionFindings(checkLabels({ ...UNLABELLED, properties: { d: UNLABELLED.properties.d } })),
    ).to.deep.equal([]);
  });

  it('they fail the report and are named in the text report and the statement', () => {
    const report = clean({ definition: definitionFindings(checkLabels(UNLABELLED)) });
    expect(auditFailed(report)).to.equal(true);
    expect(resultText(report, 'de')).to.equal('keine Verstöße an Elementen, 3 Mängel der Formulardefinition');
    const de = formatText(report, 'de');
    expect(de).to.contain('Mängel der Formulardefinition:');
    expect(de).to.contain('✗ 2.4.6, 3.3.2 Die Frage „a“ hat keine Beschriftung.');
    expect(de).to.contain('Stelle in der Definition: /properties/a');
    expect(formatText(report, 'en')).to.contain('✗ 2.4.6, 3.3.2 The question "b" has no label.');
    const md = statementMarkdown(report, 'en');
    expect(md).to.contain('Problems in the form definition: 3.');
    expect(md).to.contain('(2.4.6 Headings and Labels; 3.3.2 Labels or Instructions; /properties/c)');
  });
});

describe('audit review 3: hidden headings are not part of the outline', () => {
  let page: HTMLElement | undefined;
  afterEach(() => page?.remove());

  function host(before: string): HostSnapshot {
    page?.remove();
    page = document.createElement('div');
    page.innerHTML = `${before}<div class="form"></div>`;
    document.body.appendChild(page);
    return readHostSnapshot(page.querySelector<HTMLElement>('.form')!);
  }

  it('hidden, display:none, visibility:hidden and aria-hidden headings are skipped', () => {
    expect(host('<h1>Amt</h1><div hidden><h4>versteckt</h4></div>').headingBefore).to.equal(1);
    expect(headingHints(host('<h1>Amt</h1><div hidden><h4>versteckt</h4></div>'))).to.deep.equal([]);
    expect(host('<h1>Amt</h1><h4 hidden>versteckt</h4>').headingBefore).to.equal(1);
    expect(host('<h1>Amt</h1><div style="display:none"><h4>x</h4></div>').headingBefore).to.equal(1);
    expect(host('<h1>Amt</h1><div style="visibility:hidden"><h4>x</h4></div>').headingBefore).to.equal(1);
    expect(host('<h1>Amt</h1><div aria-hidden="true"><h4>x</h4></div>').headingBefore).to.equal(1);
    expect(host('<h1>Amt</h1><h4 aria-hidden="true">x</h4>').headingBefore).to.equal(1);
    // a visually hidden heading is still read out: it counts
    const clip = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)';
    expect(host(`<h1>Amt</h1><h4 style="${clip}">x</h4>`).headingBefore).to.equal(4);
    expect(host('<h1>Amt</h1><h4>sichtbar</h4>').headingBefore).to.equal(4);
  });

  it('a hidden h1 is no main heading', () => {
    const shot = host('<h1 hidden>Amt</h1><h2>Abschnitt</h2>');
    expect(shot.pageHasH1).to.equal(false);
    expect(host('<h1>Amt</h1>').pageHasH1).to.equal(true);
  });
});

describe('audit review 8: the fix for a form below a deeper heading', () => {
  it('names the form’s level-2 title and tells where to put it, in German and English', () => {
    const [hint] = headingHints(snapshot({}, { headingBefore: 4 }));
    expect(hint.fix.de).to.equal(
      'Ursache ist die Seite: Das Formular beginnt mit einer Überschrift der Ebene 2. Binden Sie es direkt unter der Hauptüberschrift der Seite (Ebene 1) ein, nicht unter einer Überschrift der Ebene 4.',
    );
    expect(hint.fix.en).to.equal(
      "The cause is the page: the form starts with a level-2 heading. Embed it directly below the page's main heading (level 1), not below a level-4 heading.",
    );
    expect(hint.fix.de).not.to.contain('oder unter einer Überschrift der Ebene 1');
  });
});
