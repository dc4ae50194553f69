/** The FIM import (src/schemas/fim): XDatenfelder 2.0 and 3.0 fixtures become checked definitions. */
import { expect } from '@open-wc/testing';
import { createAjv } from '../../src/schemas/ajv.js';
import { checkDefinition } from '../../src/schemas/check.js';
import {
  FimImportError,
  formatReport,
  importFim,
  warningsOf,
  type FimImportResult,
} from '../../src/schemas/fim/import.js';
import { failure, field, group, struktur, v3 } from '../support/fim-xml.js';

type Json = Record<string, any>;
const DIR = '/test/fixtures/fim/';
const load = async (name: string): Promise<string> => (await fetch(DIR + name)).text();
const anrede = async () => [{ name: 'anrede.xml', text: await load('codelisten/anrede.xml') }];
const def = (result: FimImportResult): Json => result.definition as Json;

describe('FIM import: address, XDatenfelder 2.0', () => {
  let result: FimImportResult;
  before(async () => {
    result = importFim(await load('adresse-v2.xml'));
  });

  it('is a definition the checker accepts, named after the Stammdatenschema, with its LeiKa key', () => {
    expect(checkDefinition(result.definition)).to.deep.equal([]);
    const d = def(result);
    expect(d.$id).to.equal('https://schema.fitko.de/fim/s60000011_1.2.schema.json');
    expect(d.title).to.equal('Meldung einer Anschrift');
    expect(d['x-ozg'].fim).to.deep.equal({ id: 'S60000011', version: '1.2' });
    expect(d['x-ozg'].leika).to.equal('99000000000001');
  });

  it('makes one step per top-level Datenfeldgruppe, keyed by FIM id, with title and help', () => {
    const d = def(result);
    expect(d['x-ozg'].steps).to.deep.equal([
      { id: 'G60000086', title: 'Anschrift', fields: ['G60000086'] },
      { id: 'G60000090', title: 'Kontakt', fields: ['G60000090'] },
    ]);
    const anschrift = d.properties.G60000086;
    expect(anschrift).to.include({
      type: 'object',
      title: 'Anschrift',
      description: 'Ihre Wohnanschrift in Deutschland.',
    });
    expect(anschrift['x-ozg'].fim).to.deep.equal({ id: 'G60000086', version: '1.3' });
    expect(Object.keys(anschrift.properties)).to.deep.equal(['F60000243', 'F60000244', 'F60000246', 'F60000247']);
    expect(anschrift.required).to.deep.equal(['F60000243', 'F60000244', 'F60000246', 'F60000247']);
    expect(anschrift.properties.F60000244).to.deep.include({ title: 'Hausnummer', type: 'string', maxLength: 9 });
    expect(anschrift.properties.F60000244['x-ozg']).to.deep.equal({
      fim: { id: 'F60000244', version: '1.0' },
      help: 'Zum Beispiel 12 oder 12a.',
    });
  });

  it('turns the Präzisierung into keywords that check answers (pattern anchored as in XSD)', () => {
    const ajv = createAjv(result.definition);
    const hausnummer = ajv.compile(def(result).properties.G60000086.properties.F60000244);
    expect(hausnummer('12a')).to.equal(true);
    expect(hausnummer('12-a')).to.equal(false);
    expect(hausnummer('x12')).to.equal(false);
    const plz = ajv.compile(def(result).properties.G60000086.properties.F60000246);
    expect(plz('12345')).to.equal(true);
    expect(plz('1234')).to.equal(false);
  });

  it('label becomes the group description, hidden is left out, locked is read-only with its content', () => {
    const kontakt = def(result).properties.G60000090;
    expect(kontakt.description).to.equal('Wir nutzen Ihre Kontaktdaten nur für Rückfragen zu diesem Antrag.');
    expect(kontakt.properties).not.to.have.property('F60000249');
    expect(kontakt.properties).not.to.have.property('F60000253');
    expect(kontakt.properties.F60000252).to.deep.include({ readOnly: true, default: 'Bürgeramt Musterstadt' });
    expect(kontakt.properties.F60000251.type).to.equal('boolean');
    // maxLength 254 of an input field stays one line.
    expect(kontakt.properties.F60000250['x-ozg'].widget).to.equal('text');
  });

  it('a rule "filled -> require" becomes dependentRequired, and the report says so without warnings', () => {
    expect(def(result).properties.G60000090.dependentRequired).to.deep.equal({ F60000250: ['F60000251'] });
    expect(warningsOf(result.report)).to.deep.equal([]);
    const text = formatReport(result.report, 'de');
    expect(text).to.contain('1 von 1 Regeln umgesetzt');
    expect(text).to.contain('Hinweis R60000030: Regel „Einwilligung bei E-Mail“ als dependentRequired umgesetzt.');
    expect(text).to.contain('Hinweis F60000253: Verstecktes Feld');
    expect(formatReport(result.report, 'en')).to.contain('0 warnings');
  });
});

describe('FIM import: dog tax, XDatenfelder 3.0', () => {
  it('reads the local code list into enum and enumLabels; the missing one becomes text with a warning naming it', async () => {
    const result = importFim(await load('hund-v3.xml'), await anrede());
    expect(checkDefinition(result.definition)).to.deep.equal([]);
    const halter = def(result).properties.G00000000101;
    expect(halter.properties.F00000000201.enum).to.deep.equal(['01', '02', '03']);
    expect(halter.properties.F00000000201['x-ozg'].enumLabels).to.deep.equal({
      '01': 'Frau',
      '02': 'Herr',
      '03': 'Keine Anrede',
    });
    expect(halter.properties.F00000000204).to.deep.include({ type: 'string' });
    expect(halter.properties.F00000000204).not.to.have.property('enum');
    const warnings = warningsOf(result.report);
    expect(warnings.map((w) => w.fim)).to.deep.equal(['F00000000204', 'R00000000303']);
    expect(warnings[0]!.message.de).to.contain(
      'urn:xoev-de:bund:destatis:bevoelkerungsstatistik:codeliste:staatsangehoerigkeit Version 2024-02-01',
    );
    expect(warnings[0]!.path).to.match(/datenfeld\[F00000000204\]\/codelisteReferenz$/);
  });

  it('without --codelists both lists are text questions, each with its warning', async () => {
    const result = importFim(await load('hund-v3.xml'));
    expect(def(result).properties.G00000000101.properties.F00000000201).not.to.have.property('enum');
    expect(result.report.counts).to.include({ codelists: 2, codelistsMissing: 2 });
    expect(warningsOf(result.report)).to.have.length(3);
  });

  it('a 0:* group becomes an optional repeatable group; a 0:3 file field a file question with at most 3 files', async () => {
    const d = def(importFim(await load('hund-v3.xml'), await anrede()));
    const hunde = d.properties.G00000000102;
    expect(hunde).to.deep.include({
      type: 'array',
      title: 'Hund',
      description: 'Geben Sie jeden Hund an, den Sie halten.',
    });
    expect(hunde).not.to.have.property('minItems');
    expect(hunde).not.to.have.property('maxItems');
    expect(hunde['x-ozg']).to.deep.equal({ fim: { id: 'G00000000102', version: '1.0.0' }, itemTitle: 'Hund' });
    expect(hunde.items.required).to.deep.equal(['F00000000211', 'F00000000212']);
    expect(hunde.items.properties.F00000000213).to.deep.include({ type: 'number', minimum: 0.5, maximum: 120 });
    expect(hunde.items.properties.F00000000212).to.deep.include({ type: 'string', format: 'date' });
    expect(d.required).to.deep.equal(['G00000000101']);
    expect(d.properties.F00000000221).to.deep.include({ type: 'array', maxItems: 3 });
    expect(d.properties.F00000000221['x-ozg'].file).to.deep.equal({});
    expect(d['x-ozg'].steps.map((s: Json) => s.id)).to.deep.equal(['G00000000101', 'G00000000102', 'angaben-3']);
  });

  it('turns "if (A == true) require(B)" into if/then, "requireOne" into anyOf, and keeps the other rule as $comment', async () => {
    const result = importFim(await load('hund-v3.xml'), await anrede());
    const d = def(result);
    const hund = d.properties.G00000000102.items;
    expect(hund.allOf).to.deep.equal([
      {
        if: { properties: { F00000000214: { const: true } }, required: ['F00000000214'] },
        then: { required: ['F00000000215'] },
      },
    ]);
    expect(hund.$comment).to.contain('FIM-Regel R00000000303 1.0.0 „Geburtsdatum nicht in der Zukunft“');
    expect(hund.$comment).to.contain('F00000000212 <= heute()');
    expect(d.properties.G00000000101.anyOf).to.deep.equal([
      { required: ['F00000000205'] },
      { required: ['F00000000206'] },
    ]);
    expect(d.properties.G00000000101.description).to.equal('Telefonnummer oder E-Mail-Adresse muss angegeben werden.');
    expect(d.properties.G00000000101['x-ozg'].errors).to.deep.equal({
      anyOf: 'Telefonnummer oder E-Mail-Adresse muss angegeben werden.',
    });
    // A rule without a text of its own: the sentence the form would say, the titles in quotation marks.
    const untold = (await load('hund-v3.xml')).replace(
      /<xdf:freitextRegel>Telefonnummer[^<]*<\/xdf:freitextRegel>/,
      '',
    );
    expect(def(importFim(untold, await anrede())).properties.G00000000101['x-ozg'].errors).to.deep.equal({
      anyOf: 'Bitte füllen Sie mindestens eines der Felder „Telefonnummer“ oder „E-Mail-Adresse“ aus.',
    });
    const validate = createAjv(d).compile(hund);
    const dog = { F00000000211: 'Bello', F00000000212: '2020-01-01' };
    expect(validate({ ...dog, F00000000214: true })).to.equal(false);
    expect(validate({ ...dog, F00000000214: true, F00000000215: '2021-05-05' })).to.equal(true);
    expect(validate({ ...dog, F00000000214: false })).to.equal(true);
    expect(formatReport(result.report, 'en')).to.contain(
      'warning R00000000303: Rule "Geburtsdatum nicht in der Zukunft" cannot be expressed in JSON Schema',
    );
  });
});

describe('FIM import: anzahl and Präzisierung', () => {
  it('maps 1:1, 0:1, 1:* and 0:3 to required, optional and repeatable groups with minItems/maxItems', () => {
    const d = def(
      importFim(
        v3(
          [
            struktur('1:1', field('F00000000001', 'Eins')),
            struktur('0:1', field('F00000000002', 'Kann')),
            struktur('1:*', group('G00000000003', 'Viele', struktur('1:1', field('F00000000004', 'Name')))),
            struktur('0:3', group('G00000000005', 'Bis drei', struktur('0:1', field('F00000000006', 'Notiz')))),
          ].join(''),
        ),
      ),
    );
    expect(d.required).to.deep.equal(['F00000000001', 'G00000000003']);
    expect(d.properties.G00000000003).to.deep.include({ type: 'array', minItems: 1 });
    expect(d.properties.G00000000003).not.to.have.property('maxItems');
    expect(d.properties.G00000000005).to.deep.include({ type: 'array', maxItems: 3 });
    expect(d.properties.G00000000005).not.to.have.property('minItems');
    expect(d['x-ozg'].steps[0]).to.deep.equal({
      id: 'angaben-1',
      title: 'Test',
      fields: ['F00000000001', 'F00000000002'],
    });
    expect(checkDefinition(d)).to.deep.equal([]);
  });

  it('warns about a Präzisierung the data type cannot carry and an invalid pattern, instead of dropping them silently', () => {
    const result = importFim(
      v3(
        struktur(
          '1:1',
          field(
            'F00000000001',
            'Datum',
            '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>date</code></xdf:datentyp><xdf:praezisierung minValue="2020"/>',
          ),
        ) +
          struktur(
            '1:1',
            field(
              'F00000000002',
              'Kaputt',
              '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:praezisierung pattern="[a-"/>',
            ),
          ),
      ),
    );
    expect(warningsOf(result.report).map((w) => w.fim)).to.deep.equal(['F00000000001', 'F00000000002']);
    expect(def(result).properties.F00000000002).not.to.have.property('pattern');
    expect(checkDefinition(result.definition)).to.deep.equal([]);
  });

  it('leaves out a pattern a browser may need exponential time for, with a warning; a safe one is kept', () => {
    const text = (id: string, name: string, pattern: string) =>
      struktur(
        '1:1',
        field(
          id,
          name,
          `<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:praezisierung pattern="${pattern}"/>`,
        ),
      );
    const result = importFim(
      v3(text('F00000000001', 'Ortsteil', '([A-Za-z]+ ?)+') + text('F00000000002', 'Postleitzahl', '[0-9]{5}')),
    );
    const warnings = warningsOf(result.report);
    expect(warnings.map((w) => w.fim)).to.deep.equal(['F00000000001']);
    expect(warnings[0]!.message.de).to.contain('Das Muster „([A-Za-z]+ ?)+“ bei „Ortsteil“ wird nicht übernommen');
    expect(warnings[0]!.message.en).to.contain('exponential time');
    expect(def(result).properties.F00000000001).not.to.have.property('pattern');
    expect(def(result).properties.F00000000002).to.have.property('pattern', '^(?:[0-9]{5})$');
    expect(checkDefinition(result.definition)).to.deep.equal([]);
  });
});

describe('FIM import: other shapes', () => {
  it('reads a single Datenfeldgruppe message (3.0, .0103); a top-level label goes to the form description', () => {
    const xml = `<xdf:xdatenfelder.datenfeldgruppe.0103 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">${group(
      'G00000000010',
      'Nur eine Gruppe',
      struktur(
        '1:1',
        field(
          'F00000000011',
          'Hinweis',
          '<xdf:feldart><code>label</code></xdf:feldart><xdf:inhalt>Bitte vollständig ausfüllen.</xdf:inhalt>',
        ),
      ) + struktur('1:1', field('F00000000012', 'Name')),
    )}</xdf:xdatenfelder.datenfeldgruppe.0103>`;
    const d = def(importFim(xml));
    expect(d.title).to.equal('Nur eine Gruppe');
    expect(d.description).to.equal('Bitte vollständig ausfüllen.');
    expect(Object.keys(d.properties)).to.deep.equal(['F00000000012']);
    expect(d['x-ozg'].fim).to.deep.equal({ id: 'G00000000010' });
    expect(checkDefinition(d)).to.deep.equal([]);
  });

  it('asks a repeated field (0:*) as a repeatable group of one question, and reads 3.0 inline values (werte)', () => {
    const werte =
      '<xdf:feldart><code>select</code></xdf:feldart><xdf:werte><xdf:wert><xdf:code>A</xdf:code><xdf:name>Alpha</xdf:name></xdf:wert><xdf:wert><xdf:code>B</xdf:code><xdf:name>Beta</xdf:name></xdf:wert></xdf:werte>';
    const result = importFim(
      v3(struktur('0:*', field('F00000000020', 'Vorname')) + struktur('1:1', field('F00000000021', 'Wahl', werte))),
    );
    const d = def(result);
    expect(d.properties.F00000000020).to.deep.include({ type: 'array', title: 'Vorname' });
    expect(d.properties.F00000000020.items).to.deep.include({ type: 'object', required: ['F00000000020'] });
    expect(d.properties.F00000000021.enum).to.deep.equal(['A', 'B']);
    expect(d.properties.F00000000021['x-ozg'].enumLabels).to.deep.equal({ A: 'Alpha', B: 'Beta' });
    expect(result.report.lines.find((l) => l.fim === 'F00000000020')!.level).to.equal('note');
    expect(checkDefinition(d)).to.deep.equal([]);
  });

  it('warns about a 2.0 Präzisierung that is not JSON', () => {
    const xml = `<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2"><xdf:stammdatenschema><xdf:identifikation><xdf:id>S60000001</xdf:id></xdf:identifikation><xdf:name>Alt</xdf:name>${struktur(
      '1:1',
      field('F60000002', 'Name', '<xdf:praezisierung>maxLength=5</xdf:praezisierung>'),
    )}</xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>`;
    const result = importFim(xml);
    expect(result.report.xdfVersion).to.equal('2.0');
    expect(warningsOf(result.report)[0]!.message.de).to.contain('„maxLength=5“');
    expect(def(result).$id).to.equal('https://schema.fitko.de/fim/s60000001.schema.json');
  });

  it('refuses a code list file that is not genericode, naming the file', async () => {
    try {
      importFim(await load('adresse-v2.xml'), [{ name: 'liste.xml', text: '<liste/>' }]);
      expect.fail('no error');
    } catch (e) {
      expect((e as FimImportError).texts.de).to.contain('liste.xml ist keine genericode-Codeliste');
    }
  });
});

describe('FIM import: bad input', () => {
  it('refuses text that is not XML, with line and column', async () => {
    const error = failure(await load('fehlerhaft/kein-xml.xml'));
    expect(error.texts.de).to.contain('kein wohlgeformtes XML');
    expect(failure('<a><b></a>').texts.en).to.match(/not well-formed XML \(line 1, column \d+\)/);
  });

  it('refuses a DOCTYPE (entity expansion), which no XDatenfelder message has', () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${v3(
      struktur('1:1', field('F00000000001', '&b;')),
    ).replace('<?xml version="1.0"?>', '')}`;
    const error = failure(bomb);
    expect(error.texts.de).to.contain('DOCTYPE-Deklaration (Zeile 2)');
  });

  it('refuses an unknown XDatenfelder version and a message without the namespace', async () => {
    const error = failure(await load('fehlerhaft/unbekannte-version.xml'));
    expect(error.texts.de).to.contain('„9.0.0“ wird nicht unterstützt');
    expect(error.path).to.equal('/xdatenfelder.stammdatenschema.0102/@xmlns');
    expect(failure('<schema><feld/></schema>').texts.en).to.contain('not an XDatenfelder message');
  });

  it('names the path of a rule that refers to a missing element', async () => {
    const error = failure(await load('fehlerhaft/fehlendes-element.xml'));
    expect(error.path).to.equal(
      '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]/enthaelt/datenfeldgruppe[G60000100]/regel[1][R60000101]/script',
    );
    expect(error.texts.de).to.contain('F60000999');
  });

  it('names the path of a struktur without enthaelt, an element without identifikation, and a wrong anzahl', () => {
    expect(failure(v3('<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl></xdf:struktur>')).path).to.equal(
      '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]',
    );
    const noId = failure(v3(struktur('1:1', '<xdf:datenfeld><xdf:name>Ohne</xdf:name></xdf:datenfeld>')));
    expect(noId.path).to.equal('/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]/enthaelt/datenfeld');
    expect(noId.texts.en).to.contain('identifikation/id');
    expect(failure(v3(struktur('viele', field('F00000000001', 'X')))).path).to.equal(
      '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]/anzahl',
    );
  });
});
