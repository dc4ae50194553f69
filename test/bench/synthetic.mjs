// Synthetic application forms for the benchmark.
//
// A form of N leaf fields is a JSON Schema (2020-12) object with ceil(N / 10) sections; each section
// is a `type: object` property (rendered as a fieldset) holding up to 10 fields that cycle through the
// field kinds below. 6 of every 10 fields are required, some are prefilled via `default`.
// There are no `x-ozg.steps`, so the whole form is one page and every control is in the DOM.
//
// The number of native controls (input/select/textarea) each kind produces is fixed, so the harness
// knows how many controls a complete render has: the enum with 3 options is shown as radios
// (3 controls, x-ozg.widget "radio"), the enum with 8 options as a select (1 control).

export const FIELDS_PER_SECTION = 10;

/** Title of the text field the keystroke benchmark types into (unique in the form). */
export const TARGET_TITLE = 'Benchmark-Zielfeld';

const ANREDE = ['frau', 'herr', 'divers'];
const ANREDE_LABELS = { frau: 'Frau', herr: 'Herr', divers: 'Divers' };
const LAND = ['DE', 'AT', 'CH', 'FR', 'NL', 'PL', 'DK', 'CZ'];
const LAND_LABELS = {
  DE: 'Deutschland',
  AT: 'Österreich',
  CH: 'Schweiz',
  FR: 'Frankreich',
  NL: 'Niederlande',
  PL: 'Polen',
  DK: 'Dänemark',
  CZ: 'Tschechien',
};

/**
 * The ten field kinds of a section, in order. `controls` is the number of native controls the field
 * renders; `required` marks the 6 required ones (60 %); `prefill(sectionIndex)` returns a default or
 * undefined.
 */
export const FIELD_KINDS = [
  {
    key: 'name',
    controls: 1,
    required: true,
    schema: (s) => ({
      type: 'string',
      title: `Name (Abschnitt ${s})`,
      minLength: 2,
      maxLength: 50,
      'x-ozg': { autocomplete: 'family-name', i18n: { en: { title: `Name (section ${s})` } } },
    }),
  },
  {
    key: 'strasse',
    controls: 1,
    required: false,
    prefill: () => 'Hauptstraße 1',
    schema: (s) => ({ type: 'string', title: `Straße (Abschnitt ${s})`, maxLength: 100 }),
  },
  {
    key: 'email',
    controls: 1,
    required: true,
    schema: (s) => ({ type: 'string', format: 'email', title: `E-Mail (Abschnitt ${s})` }),
  },
  {
    key: 'datum',
    controls: 1,
    required: true,
    schema: (s) => ({ type: 'string', format: 'date', title: `Datum (Abschnitt ${s})` }),
  },
  {
    key: 'plz',
    controls: 1,
    required: true,
    schema: (s) => ({
      type: 'string',
      pattern: '^[0-9]{5}$',
      title: `Postleitzahl (Abschnitt ${s})`,
      'x-ozg': { errors: { pattern: 'Bitte geben Sie fünf Ziffern ein.' } },
    }),
  },
  {
    key: 'anrede',
    controls: ANREDE.length,
    required: true,
    schema: (s) => ({
      type: 'string',
      enum: ANREDE,
      title: `Anrede (Abschnitt ${s})`,
      'x-ozg': { widget: 'radio', enumLabels: ANREDE_LABELS },
    }),
  },
  {
    key: 'land',
    controls: 1,
    required: true,
    prefill: (s) => (s % 2 === 1 ? 'DE' : undefined),
    schema: (s) => ({
      type: 'string',
      enum: LAND,
      title: `Land (Abschnitt ${s})`,
      'x-ozg': { widget: 'select', enumLabels: LAND_LABELS },
    }),
  },
  {
    key: 'zustimmung',
    controls: 1,
    required: false,
    schema: (s) => ({ type: 'boolean', title: `Newsletter (Abschnitt ${s})` }),
  },
  {
    key: 'anzahl',
    controls: 1,
    required: false,
    prefill: (s) => (s % 2 === 0 ? 1 : undefined),
    schema: (s) => ({ type: 'integer', minimum: 0, maximum: 20, title: `Anzahl (Abschnitt ${s})` }),
  },
  {
    key: 'bemerkung',
    controls: 1,
    required: false,
    schema: (s) => ({ type: 'string', maxLength: 200, title: `Bemerkung (Abschnitt ${s})` }),
  },
];

/** Section property key for the 1-based section number `s` of a form with `sections` sections. */
export function sectionKey(s, sections) {
  return `abschnitt_${String(s).padStart(String(sections).length, '0')}`;
}

/**
 * Build the definition of a synthetic form with `leafFields` fields.
 * @returns {{ definition: object, expectedControls: number, sections: number,
 *             required: number, prefilled: number, target: { section: string, field: string } }}
 */
export function buildSyntheticForm(leafFields) {
  if (!Number.isInteger(leafFields) || leafFields < 1) {
    throw new RangeError(`leafFields must be a positive integer, got ${leafFields}`);
  }
  const sections = Math.ceil(leafFields / FIELDS_PER_SECTION);
  const targetSection = Math.ceil(sections / 2); // the middle of the form
  const properties = {};
  let expectedControls = 0;
  let required = 0;
  let prefilled = 0;
  for (let s = 1; s <= sections; s++) {
    const count = Math.min(FIELDS_PER_SECTION, leafFields - (s - 1) * FIELDS_PER_SECTION);
    const section = {
      type: 'object',
      title: `Abschnitt ${s}`,
      'x-ozg': { i18n: { en: { title: `Section ${s}` } } },
      required: [],
      properties: {},
    };
    for (let f = 0; f < count; f++) {
      const kind = FIELD_KINDS[f];
      const schema = kind.schema(s);
      if (s === targetSection && kind.key === 'name') schema.title = TARGET_TITLE;
      const value = kind.prefill?.(s);
      if (value !== undefined) {
        schema.default = value;
        prefilled++;
      }
      section.properties[kind.key] = schema;
      if (kind.required) {
        section.required.push(kind.key);
        required++;
      }
      expectedControls += kind.controls;
    }
    properties[sectionKey(s, sections)] = section;
  }
  const definition = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://bench.example/forms/synthetic-${leafFields}.json`,
    title: `Synthetischer Antrag mit ${leafFields} Feldern`,
    description: 'Erzeugt für den Leistungstest von ozg-form.',
    type: 'object',
    'x-ozg': { i18n: { en: { title: `Synthetic application with ${leafFields} fields` } } },
    required: Object.keys(properties),
    properties,
  };
  return {
    definition,
    expectedControls,
    sections,
    required,
    prefilled,
    target: { section: sectionKey(targetSection, sections), field: 'name' },
  };
}
