import { expect } from '@open-wc/testing';
import { contrastRatio, formatRatio, parseColor } from '../../src/modules/audit/contrast.js';
import { contrastHints, headingHints, THEME_DEFAULTS, type HostSnapshot } from '../../src/modules/audit/hints.js';
import {
  counted,
  findingsByRule,
  formatText,
  stateFromAxe,
  violationCount,
  type AuditReport,
  type AxeResultsLike,
} from '../../src/modules/audit/report.js';
import { statementHtml, statementMarkdown } from '../../src/modules/audit/statement.js';
import { criteriaOf, criterionId, criterionLabel, CRITERIA } from '../../src/modules/audit/wcag.js';

const WHITE = { r: 255, g: 255, b: 255, a: 1 };

function snapshot(overrides: Record<string, string> = {}, rest: Partial<HostSnapshot> = {}): HostSnapshot {
  const colors: HostSnapshot['colors'] = {};
  for (const [name, value] of Object.entries({ ...THEME_DEFAULTS, ...overrides })) {
    colors[name] = { value: overrides[name] ?? '', rgb: parseColor(value) };
  }
  return { colors, background: WHITE, headingBefore: 1, formHeading: 2, pageHasH1: true, ...rest };
}

const AXE: AxeResultsLike = {
  violations: [
    {
      id: 'color-contrast',
      impact: 'serious',
      tags: ['cat.color', 'wcag2aa', 'wcag143'],
      help: 'Elements must meet minimum color contrast ratio thresholds',
      helpUrl: 'https://dequeuniversity.com/rules/axe/4.14/color-contrast',
      nodes: [{ target: [['ozg-form', 'button.primary']], html: '<button class="primary">Weiter</button>' }],
    },
  ],
  passes: [{}, {}],
  incomplete: [{ id: 'aria-valid-attr-value' }],
};

function report(): AuditReport {
  return {
    date: '2026-12-06T04:00:00.000Z',
    url: 'https://www.musterstadt.de/hundesteuer',
    form: { de: 'Hund anmelden', en: 'Register a dog' },
    axeVersion: '4.14.1',
    tool: 'test',
    states: [
      stateFromAxe(
        AXE,
        'step:1',
        { de: 'Schritt 1: Halter', en: 'Step 1: Keeper' },
        { rules: { 'color-contrast': { help: 'Elemente müssen einen ausreichenden Farbkontrast haben.' } } },
      ),
      stateFromAxe(AXE, 'step:1@320', { de: 'Schritt 1: Halter', en: 'Step 1: Keeper' }, undefined, 320),
    ],
    hostHints: contrastHints(snapshot({ '--ozg-color-primary': '#7fb3ff' })),
  };
}

describe('audit: WCAG mapping', () => {
  it('maps axe tags to criteria with their German and English names', () => {
    expect(criterionId('wcag143')).to.equal('1.4.3');
    expect(criterionId('wcag1410')).to.equal('1.4.10');
    expect(criterionId('wcag412')).to.equal('4.1.2');
    expect(criterionId('wcag2aa')).to.equal(undefined);
    expect(criterionId('wcag21a')).to.equal(undefined);
    expect(criteriaOf(['cat.color', 'wcag2aa', 'wcag143']).map((c) => criterionLabel(c, 'de'))).to.deep.equal([
      '1.4.3 Kontrast (Minimum)',
    ]);
    expect(criteriaOf(['wcag131', 'wcag412', 'wcag131']).map((c) => criterionLabel(c, 'en'))).to.deep.equal([
      '1.3.1 Info and Relationships',
      '4.1.2 Name, Role, Value',
    ]);
    expect(CRITERIA.size).to.equal(50);
  });
});

describe('audit: contrast and host hints', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio(parseColor('#000')!, WHITE)).to.be.closeTo(21, 0.01);
    expect(contrastRatio(parseColor('#767676')!, WHITE)).to.be.closeTo(4.54, 0.01);
    expect(contrastRatio(parseColor('rgba(0, 0, 0, 0)')!, WHITE)).to.be.closeTo(1, 0.01);
    expect(formatRatio(4.499, 'de')).to.equal('4,49:1');
    expect(formatRatio(3, 'en')).to.equal('3:1');
  });

  it('the default theme on white passes; a light primary fails for button text and links', () => {
    expect(contrastHints(snapshot())).to.deep.equal([]);
    const hints = contrastHints(snapshot({ '--ozg-color-primary': '#7fb3ff' }));
    expect(hints.map((h) => h.property)).to.deep.equal(['--ozg-color-primary-contrast', '--ozg-color-primary']);
    expect(hints[0].problem.de).to.equal(
      '--ozg-color-primary-contrast (#ffffff) auf --ozg-color-primary (#7fb3ff) (Schrift auf Schaltflächen) hat nur 2,14:1 Kontrast; nötig sind 4,5:1.',
    );
    expect(hints[1].problem.en).to.contain('on the page background #ffffff');
  });

  it('a dark page background makes the default text colour fail', () => {
    const hints = contrastHints(snapshot({}, { background: { r: 20, g: 20, b: 20, a: 1 } }));
    expect(hints.map((h) => h.property)).to.include('--ozg-color-text');
    expect(hints.map((h) => h.property)).to.include('--ozg-color-muted');
    const focus = contrastHints(snapshot({ '--ozg-color-focus': '#cccccc' }));
    expect(focus.map((h) => [h.property, h.criterion, h.required])).to.deep.equal([['--ozg-color-focus', '1.4.11', 3]]);
  });

  it('headings: none before the form, a skip, a form below a deeper section; fine under h1', () => {
    expect(headingHints(snapshot())).to.deep.equal([]);
    expect(headingHints(snapshot({}, { headingBefore: undefined, pageHasH1: false }))[0].problem.de).to.contain(
      'keine Überschrift der Ebene 1',
    );
    expect(headingHints(snapshot({}, { formHeading: 4, headingBefore: 2 }))[0].problem.en).to.equal(
      "The form's title (level 4) follows a level-2 heading and skips levels.",
    );
    expect(headingHints(snapshot({}, { headingBefore: 3 }))[0].fix.de).to.contain('Ebene 1');
  });
});

describe('audit: report and statement', () => {
  it('converts axe results with German help texts and groups violations by rule with the host cause', () => {
    const r = report();
    expect(r.states[0].violations[0].help).to.deep.equal({
      de: 'Elemente müssen einen ausreichenden Farbkontrast haben.',
      en: AXE.violations[0].help,
    });
    expect(r.states[0].violations[0].nodes[0].target).to.equal('ozg-form >>> button.primary');
    expect(violationCount(r)).to.equal(2);
    const [finding] = findingsByRule(r);
    expect(finding.states).to.deep.equal(['step:1', 'step:1@320']);
    expect(finding.nodes).to.have.length(1);
    expect(finding.hints).to.have.length(2);
  });

  it('counts in the singular for one and the plural otherwise', () => {
    expect(counted('de', 1, 'violation')).to.equal('1 Verstoß');
    expect(counted('de', 0, 'violation')).to.equal('0 Verstöße');
    expect(counted('de', 3, 'state')).to.equal('3 Zustände');
    expect(counted('de', 1, 'ruleViolated')).to.equal('1 verletzte Regel');
    expect(counted('en', 1, 'state')).to.equal('1 state');
    expect(counted('en', 2, 'rule')).to.equal('2 rules');
    expect(statementMarkdown(report(), 'en')).to.contain('The automated test found 2 violations of 1 rule:');
  });

  it('text report in German and English', () => {
    const de = formatText(report(), 'de');
    expect(de).to.contain('✗ Schritt 1: Halter (320 px breit) – 1 Verstoß');
    expect(de).to.contain('2 Verstöße an Elementen, 1 verletzte Regel.');
    expect(de).to.contain('Kriterium: 1.4.3 Kontrast (Minimum)');
    expect(de).to.contain('Element: ozg-form >>> button.primary');
    expect(de).to.contain('Ursache in der Einbettung: --ozg-color-primary-contrast');
    expect(de).to.contain('Von Hand zu prüfen: aria-valid-attr-value');
    const en = formatText(report(), 'en');
    expect(en).to.contain('Criterion: 1.4.3 Contrast (Minimum)');
    expect(en).to.contain('2 violations on elements, 1 rule violated.');
    expect(formatText({ ...report(), states: [], hostHints: [] }, 'de')).to.contain('Keine Verstöße gefunden.');
  });

  it('statement: what, when, how, result and known limitations; HTML escaped', () => {
    const md = statementMarkdown(report(), 'de');
    expect(md).to.contain('### Was geprüft wurde');
    expect(md).to.contain('Formular: Hund anmelden');
    expect(md).to.contain('6. Dezember 2026');
    expect(md).to.contain('axe-core 4.14.1');
    expect(md).to.contain('Die automatische Prüfung fand 2 Verstöße gegen 1 Regel:');
    expect(md).to.contain('- Elemente müssen einen ausreichenden Farbkontrast haben. (1.4.3 Kontrast (Minimum); 1×)');
    expect(md).to.contain('### Bekannte Einschränkungen');
    expect(md).to.contain('Automatische Prüfungen erkennen nur einen Teil der Barrieren.');
    const evil = { ...report(), form: { de: '<script>alert(1)</script>', en: 'x' } };
    const doc = statementHtml(evil, 'de');
    expect(doc).not.to.contain('<script>');
    expect(doc).to.contain('&lt;script&gt;');
    expect(statementHtml(report(), 'en')).to.contain('<html lang="en">');
    // The Markdown too: a CMS may render raw HTML and links in it.
    const hostile = {
      ...report(),
      form: { de: '<img src=x onerror=alert(1)> [klick](javascript:alert(1)) *a*', en: 'x' },
    };
    const hostileMd = statementMarkdown(hostile, 'de');
    expect(hostileMd).to.contain(
      'Formular: &lt;img src=x onerror=alert(1)&gt; \\[klick\\](javascript:alert(1)) \\*a\\*',
    );
    expect(hostileMd).not.to.contain('<img');
    expect(hostileMd).not.to.contain('[klick]');
  });
});
