/** The FIM import on broken or contradictory input: a clear failure or a warning, never silence. */
import { expect } from '@open-wc/testing';
import { checkAll } from '../../src/schemas/check/index.js';
import { decodeXml, FimImportError, formatReport, importFim, warningsOf } from '../../src/schemas/fim/import.js';
import { failure, field, group, struktur, v3 } from '../support/fim-xml.js';

type Json = Record<string, any>;
const load = async (name: string): Promise<string> => (await fetch(`/test/fixtures/fim/${name}`)).text();

const text = (praezisierung: string, feldart = 'input') =>
  `<xdf:feldart><code>${feldart}</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp>${praezisierung}`;

/** The import of one text field; its question, the warnings (English) and the checker's errors. */
function one(extra: string, anzahl = '1:1') {
  const result = importFim(v3(struktur(anzahl, field('F1', 'Straße', extra))));
  const question = (result.definition as Json).properties.F1 as Json;
  const warnings = warningsOf(result.report).map((l) => l.message);
  const errors = checkAll(result.definition).filter((p) => !p.severity);
  return { result, question, warnings, errors };
}

describe('FIM import: files that are cut off or not UTF-8', () => {
  it('a truncated file names the element left open and its line, not the parser stack', async () => {
    const e = failure((await load('adresse-v2.xml')).slice(0, 3000));
    expect(e.texts.en).to.equal(
      'The file ends before the element xdf:datenfeld (opened at line 51) is closed. Was it saved incompletely or cut off?',
    );
    expect(e.texts.de).to.contain('Die Datei endet, bevor das Element xdf:datenfeld (geöffnet in Zeile 51)');
    expect(e.texts.en).not.to.contain('[');
  });

  it('reads UTF-16 with a byte order mark, and says so when it was read as UTF-8', async () => {
    const xml = await load('adresse-v2.xml');
    const le = new Uint8Array(2 + xml.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      le[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    const be = le.map((_, i) => le[i % 2 ? i - 1 : i + 1]!);
    expect((importFim(decodeXml(le)).definition as Json).title).to.equal('Meldung einer Anschrift');
    expect((importFim(decodeXml(be)).definition as Json).title).to.equal('Meldung einer Anschrift');
    const asUtf8 = new TextDecoder('utf-8').decode(le);
    expect(failure(asUtf8).texts.en).to.equal('The file is saved as UTF-16; save it as UTF-8.');
  });
});

describe('FIM import: invalid or contradictory limits are warnings', () => {
  it('a Präzisierung value that is no limit is left out with a warning', () => {
    const { question, warnings, errors } = one(text('<xdf:praezisierung minLength="abc" maxLength="-5"/>'));
    expect(question).not.to.have.any.keys('minLength', 'maxLength');
    expect(warnings).to.have.length(1);
    expect(warnings[0]!.en).to.contain('minLength "abc", maxLength "-5" of "Straße" is not valid');
    expect(warnings[0]!.de).to.contain('minLength „abc“, maxLength „-5“ bei „Straße“ ist ungültig');
    expect(errors).to.deep.equal([]);
  });

  it('minLength above maxLength: neither is kept, a warning says why', () => {
    const { question, warnings, errors } = one(text('<xdf:praezisierung minLength="60" maxLength="5"/>'));
    expect(question).not.to.have.any.keys('minLength', 'maxLength');
    expect(warnings.map((w) => w.en)).to.deep.equal([
      'Präzisierung of "Straße" is contradictory: minLength 60 is greater than maxLength 5. Nobody could fill in the field; minLength and maxLength are left out.',
    ]);
    expect(errors).to.deep.equal([]);
  });

  it('an anzahl whose minimum is above its maximum is a warning', () => {
    const result = importFim(
      v3(struktur('3:1', group('G1', 'Anschrift', struktur('1:1', field('F1', 'Ort', text('')))))),
    );
    const warnings = warningsOf(result.report);
    expect(warnings).to.have.length(1);
    expect(warnings[0]!.path).to.match(/struktur\[1\]\/anzahl$/);
    expect(warnings[0]!.message.en).to.contain('The anzahl 3:1 of "Anschrift" is contradictory');
    expect((result.definition as Json).required).to.deep.equal(['G1']);
  });

  it('an unknown feldart is asked as input, with a warning like an unknown datentyp', () => {
    const { question, warnings } = one(text('', 'slider'));
    expect(question.type).to.equal('string');
    expect(warnings.map((w) => w.en)).to.deep.equal([
      'Unknown feldart "slider" for "Straße": asked as an input field.',
    ]);
    expect(warnings[0]!.de).to.equal('Unbekannte Feldart „slider“ bei „Straße“: als Eingabefeld (input) abgefragt.');
  });
});

describe('FIM import: what the XML parser itself refuses is an import error', () => {
  it('an element named __proto__ is refused with a clear message, not the parser exception', () => {
    const e = failure(v3(struktur('1:1', field('F1', 'Name', '<xdf:__proto__>x</xdf:__proto__>'))));
    expect(e.path).to.equal('');
    expect(e.texts.en).to.equal(
      'The file contains the element or attribute name "__proto__", which cannot be read safely (a reserved JavaScript name); XDatenfelder messages and code lists do not use it.',
    );
    expect(e.texts.de).to.equal(
      'Die Datei enthält den Element- oder Attributnamen „__proto__“, der nicht sicher gelesen werden kann (ein reservierter JavaScript-Name); XDatenfelder-Nachrichten und Codelisten verwenden ihn nicht.',
    );
  });

  it('more than 100 nested elements are refused with a clear message', () => {
    const e = failure(v3(struktur('1:1', field('F1', 'Name', `${'<x>'.repeat(120)}${'</x>'.repeat(120)}`))));
    expect(e.texts.en).to.equal(
      'The file nests elements more than 100 levels deep; XDatenfelder messages and code lists need far fewer, so it is refused.',
    );
    expect(e.texts.de).to.equal(
      'Die Datei verschachtelt Elemente mehr als 100 Ebenen tief; XDatenfelder-Nachrichten und Codelisten brauchen weit weniger, sie wird abgelehnt.',
    );
  });

  it('the same holds for a code list, named by its file', async () => {
    const list = '<gc:CodeList xmlns:gc="x"><constructor/></gc:CodeList>';
    try {
      importFim(await load('adresse-v2.xml'), [{ name: 'liste.xml', text: list }]);
      expect.fail('no error');
    } catch (e) {
      expect(e).to.be.instanceOf(FimImportError);
      expect((e as FimImportError).texts.de).to.match(
        /^Die Codeliste liste\.xml enthält den Element- oder Attributnamen „constructor“/,
      );
    }
  });
});

describe('FIM import: malformed XML is described in time linear in its length', () => {
  // Before, describing such a file took minutes (cubic backtracking: 4,000 characters 24 s); the test
  // runner's timeout would end this test long before.
  it('50 KB of "<" and an unclosed quote is answered as not well-formed XML', () => {
    const e = failure(`${'<'.repeat(50_000)} "`);
    expect(e.texts.en).to.match(/^The file is not well-formed XML \(line 1, column \d+\)/);
  });

  it('a file cut off inside a long run of open elements names the innermost one', () => {
    const e = failure(`<a>\n${'<b x="1">'.repeat(20_000)}<c y="2`);
    expect(e.texts.en).to.equal(
      'The file ends before the element b (opened at line 2) is closed. Was it saved incompletely or cut off?',
    );
  });

  it('many open elements followed by many closing tags of another name (280 KB) are described', () => {
    // Before, each closing tag copied the list of open elements: quadratic, over a minute here.
    const e = failure(`${'<a>'.repeat(40_000)}${'</b>'.repeat(40_000)}`);
    expect(e.texts.en).to.equal(
      'The file ends before the element a (opened at line 1) is closed. Was it saved incompletely or cut off?',
    );
  });
});

describe('FIM import: property keys', () => {
  // The checker's errors other than about x-ozg.fim.id, which wants the form of a FIM id (F…) that these are not.
  const nameErrors = (definition: unknown) =>
    checkAll(definition).filter((p) => !p.severity && !p.pointer.endsWith('/x-ozg/fim/id'));

  it('an element used twice in a group gets a key of its own, with a warning saying under which key its answers go', () => {
    const result = importFim(
      v3(
        struktur('1:1', field('F1', 'Name')) +
          struktur('0:1', field('F1_2', 'Zweiter Name')) +
          struktur('0:1', field('F1', 'Name')),
      ),
    );
    expect(Object.keys((result.definition as Json).properties)).to.deep.equal(['F1', 'F1_2', 'F1_3']);
    const warnings = warningsOf(result.report);
    expect(warnings.map((w) => [w.fim, w.path])).to.deep.equal([
      ['F1', '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[3]'],
    ]);
    expect(warnings[0]!.message.en).to.equal(
      'The element F1 "Name" occurs more than once in "Test": its answers are sent under the key F1_3, not under its FIM id.',
    );
    expect(warnings[0]!.message.de).to.equal(
      'Das Element F1 „Name“ kommt in „Test“ mehrfach vor: Seine Angaben werden unter dem Schlüssel F1_3 übermittelt, nicht unter seiner FIM-ID.',
    );
  });

  it('20,000 uses of one id are numbered in linear time', () => {
    // Before, each key was found by counting up from _2 again: 20,000 took 40 s, beyond the test's timeout.
    const result = importFim(v3(struktur('0:1', field('F1', 'Name')).repeat(20_000)));
    const keys = Object.keys((result.definition as Json).properties);
    expect(keys).to.have.length(20_000);
    expect(keys.slice(0, 3)).to.deep.equal(['F1', 'F1_2', 'F1_3']);
    expect(keys.at(-1)).to.equal('F1_20000');
    expect(warningsOf(result.report)).to.have.length(19_999);
  });

  it('ids that are names of built-in object properties are kept; only __proto__, which the form refuses, is renamed', () => {
    const ids = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
    const result = importFim(v3(ids.map((id) => struktur('1:1', field(id, `Feld ${id}`))).join('')));
    const definition = result.definition as Json;
    expect(Object.keys(definition.properties)).to.deep.equal([
      'constructor',
      'toString',
      'hasOwnProperty',
      '__proto___2',
    ]);
    expect(definition.required).to.deep.equal(['constructor', 'toString', 'hasOwnProperty', '__proto___2']);
    expect(warningsOf(result.report).map((w) => w.message.en)).to.deep.equal([
      'The FIM id "__proto__" of "Feld __proto__" cannot name a question (the form refuses that name): its answers are sent under the key __proto___2.',
    ]);
    expect(warningsOf(result.report)[0]!.message.de).to.equal(
      'Die FIM-ID „__proto__“ von „Feld __proto__“ kann keine Frage benennen (das Formular lehnt den Namen ab): Ihre Angaben werden unter dem Schlüssel __proto___2 übermittelt.',
    );
    expect(nameErrors(definition)).to.deep.equal([]);
  });

  it('a repeated field named __proto__ is renamed inside its entries too', () => {
    const result = importFim(v3(struktur('0:*', field('__proto__', 'Name'))));
    const list = (result.definition as Json).properties.__proto___2;
    expect(Object.keys(list.items.properties)).to.deep.equal(['__proto___2']);
    expect(list.items.required).to.deep.equal(['__proto___2']);
    expect(nameErrors(result.definition)).to.deep.equal([]);
  });
});

describe('FIM import: code list columns', () => {
  /** A genericode list urn:test version 1 with these columns and rows. */
  const genericode = (columns: string[], rows: string[][]) =>
    `<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>test</ShortName><Version>1</Version><CanonicalUri>urn:test</CanonicalUri></Identification><ColumnSet>${columns
      .map((c) => `<Column Id="${c}"/>`)
      .join('')}</ColumnSet><SimpleCodeList>${rows
      .map(
        (row) =>
          `<Row>${row.map((v, i) => `<Value ColumnRef="${columns[i]}"><SimpleValue>${v}</SimpleValue></Value>`).join('')}</Row>`,
      )
      .join('')}</SimpleCodeList></gc:CodeList>`;
  /** A select field F1 "Anrede" on that list, with 3.0 codeKey and nameKey. */
  const select = (codeKey: string, nameKey: string, list: string) => {
    const result = importFim(
      v3(
        struktur(
          '1:1',
          field(
            'F1',
            'Anrede',
            `<xdf:feldart><code>select</code></xdf:feldart><xdf:codelisteReferenz><xdf:canonicalURI>urn:test</xdf:canonicalURI><xdf:version>1</xdf:version></xdf:codelisteReferenz><xdf:codeKey>${codeKey}</xdf:codeKey><xdf:nameKey>${nameKey}</xdf:nameKey>`,
          ),
        ),
      ),
      [{ name: 'test.xml', text: list }],
    );
    return { question: (result.definition as Json).properties.F1 as Json, warnings: warningsOf(result.report) };
  };
  const anrede = [
    ['01', 'Frau'],
    ['02', 'Herr'],
  ];

  it('columns named __proto__ and constructor are read like any other', () => {
    const { question, warnings } = select('__proto__', 'constructor', genericode(['__proto__', 'constructor'], anrede));
    expect(question.enum).to.deep.equal(['01', '02']);
    expect(question['x-ozg'].enumLabels).to.deep.equal({ '01': 'Frau', '02': 'Herr' });
    expect(warnings).to.deep.equal([]);
  });

  it('a codeKey the list does not have: a text question and a warning, not options read from Object.prototype', () => {
    const { question, warnings } = select('__proto__', 'constructor', genericode(['code', 'wert'], anrede));
    expect(question.type).to.equal('string');
    expect(question).not.to.have.any.keys('enum');
    expect(question['x-ozg']).not.to.have.any.keys('enumLabels');
    expect(warnings.map((w) => [w.fim, w.message.en])).to.deep.equal([
      [
        'F1',
        'Code list test.xml has no column "__proto__" (codeKey) for the codes of "Anrede": asked as a text field.',
      ],
    ]);
    expect(warnings[0]!.message.de).to.equal(
      'Die Codeliste test.xml hat keine Spalte „__proto__“ (codeKey) für die Codes von „Anrede“: als Textfeld abgefragt.',
    );
    expect(warnings[0]!.path).to.match(/datenfeld\[F1\]\/codelisteReferenz$/);
  });

  it('a list without columns: a text question and a warning', () => {
    const { question, warnings } = select('', '', genericode([], [])); // no codeKey, no nameKey
    expect(question).not.to.have.any.keys('enum');
    expect(warnings.map((w) => w.message.en)).to.deep.equal([
      'Code list test.xml has no columns: "Anrede" is asked as a text field.',
    ]);
  });

  it('a nameKey the list does not have: the codes are the labels, with a warning', () => {
    const { question, warnings } = select('code', 'constructor', genericode(['code', 'wert'], anrede));
    expect(question.enum).to.deep.equal(['01', '02']);
    expect(question['x-ozg'].enumLabels).to.deep.equal({ '01': '01', '02': '02' });
    expect(warnings.map((w) => w.message.en)).to.deep.equal([
      'Code list test.xml has no column "constructor" (nameKey) for the labels of "Anrede": the codes are shown instead.',
    ]);
    expect(warnings[0]!.message.de).to.equal(
      'Die Codeliste test.xml hat keine Spalte „constructor“ (nameKey) für die Bezeichnungen von „Anrede“: Stattdessen werden die Codes angezeigt.',
    );
  });
});

describe('FIM import: an anzahl beyond what a form can ask', () => {
  const entries = (anzahl: string, element: string) => {
    const result = importFim(v3(struktur(anzahl, element)));
    const warnings = warningsOf(result.report);
    return { result, warnings, errors: checkAll(result.definition).filter((p) => !p.severity) };
  };
  const anschrift = group('G1', 'Anschrift', struktur('1:1', field('F1', 'Ort', text(''))));

  it('a minimum of a billion entries becomes 1,000, with a warning', () => {
    const { result, warnings, errors } = entries('1000000000:*', anschrift);
    const list = (result.definition as Json).properties.G1 as Json;
    expect(list.minItems).to.equal(1000);
    expect(list).not.to.have.property('maxItems');
    expect(warnings.map((w) => [w.fim, w.message.en])).to.deep.equal([
      [
        'G1',
        'The anzahl 1000000000:* of "Anschrift" asks for more than 1000 entries: taken as 1000:*. Nobody fills in more in an application, and the form creates the required entries when it shows the list.',
      ],
    ]);
    expect(warnings[0]!.message.de).to.equal(
      'Die Anzahl 1000000000:* bei „Anschrift“ verlangt mehr als 1000 Einträge: als 1000:* übernommen. So viele füllt niemand in einem Antrag aus, und das Formular legt die verlangten Einträge beim Anzeigen an.',
    );
    expect(warnings[0]!.path).to.match(/struktur\[1\]\/anzahl$/);
    expect(errors).to.deep.equal([]);
  });

  it('a maximum above 1,000 becomes 1,000; a number too long for JavaScript too', () => {
    const most = entries('0:5000', anschrift);
    expect((most.result.definition as Json).properties.G1.maxItems).to.equal(1000);
    expect(most.warnings.map((w) => w.message.en)[0]).to.contain('taken as 0:1000');
    const huge = entries(`${'9'.repeat(400)}:*`, anschrift);
    expect((huge.result.definition as Json).properties.G1.minItems).to.equal(1000);
    expect(huge.errors).to.deep.equal([]);
  });

  it('a file question and a repeated field are capped the same way', () => {
    const file = entries('2000:3000', field('F2', 'Nachweis', '<xdf:datentyp><code>file</code></xdf:datentyp>'));
    expect((file.result.definition as Json).properties.F2).to.deep.include({ minItems: 1000, maxItems: 1000 });
    expect(file.warnings.map((w) => w.message.en)[0]).to.contain('taken as 1000:1000');
    const repeated = entries('1000000000:*', field('F3', 'Vorname', text('')));
    expect((repeated.result.definition as Json).properties.F3.minItems).to.equal(1000);
    expect(repeated.warnings).to.have.length(1);
  });
});

describe('FIM import: the text report shows control characters of the input escaped', () => {
  // ESC [2K clears the terminal line, ESC [1A moves up one: a name could hide the warnings printed before it.
  const evil = 'Name\u001b[2K\u001b[1A\u009b2K\r\nWarnung: keine\u0007\u007f';
  // eslint-disable-next-line no-control-regex -- control characters other than the line break are what must not appear
  const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('in names, ids, paths and messages, in both languages; the layout keeps its own line breaks', () => {
    const result = importFim(
      v3(struktur('1:1', field('F1', evil, '<xdf:feldart><code>slider</code></xdf:feldart>'))).replace(
        '<xdf:name>Test</xdf:name>',
        `<xdf:name>Test${evil}</xdf:name>`,
      ),
    );
    for (const lang of ['de', 'en'] as const) {
      const text = formatReport(result.report, lang);
      expect(text).not.to.match(controls);
      expect(text.split('\n')).to.have.length(3); // the head, a warning and its path
      // (XML reads the line break \r\n as \n.)
      expect(text).to.contain('Name\\u001b[2K\\u001b[1A\\u009b2K\\u000aWarnung: keine\\u0007\\u007f');
    }
    // The report as data keeps the text as it was.
    expect(result.report.schema.name).to.equal(`Test${evil.replace('\r\n', '\n')}`);
  });

  it('in a report given to formatReport directly, also in the FIM id and the path', () => {
    const text = formatReport(
      {
        xdfVersion: '3.0',
        schema: { id: 'S1\u001b]0;x\u0007', version: '1\u009b', name: 'N' },
        counts: { groups: 0, fields: 0, rules: 0, rulesExpressed: 0, codelists: 0, codelistsMissing: 0 },
        lines: [{ level: 'note', path: '/a\u001b[2K', fim: 'F\u0008', message: { de: 'x\ty', en: 'x\ty' } }],
      },
      'en',
    );
    expect(text).not.to.match(controls);
    expect(text).to.contain('S1\\u001b]0;x\\u0007 version 1\\u009b');
    expect(text).to.contain('  note F\\u0008: x\\u0009y\n    at /a\\u001b[2K');
  });
});
