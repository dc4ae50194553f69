/**
 * Templates of common patterns the author can insert into the current definition: each adds
 * questions (and root settings) and puts the new questions into the last step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates build free-form JSON
type Json = Record<string, any>;

export interface Template {
  id: string;
  name: { de: string; en: string };
  /** New top-level properties. */
  properties?: Json;
  /** Merged into the root's x-ozg. */
  root?: Json;
  required?: string[];
}

const en = (title: string, extra: Json = {}) => ({ i18n: { en: { title, ...extra } } });
const text = (title: string, enTitle: string, autocomplete?: string, extra: Json = {}) => ({
  type: 'string',
  title,
  maxLength: 100,
  ...extra,
  'x-ozg': { ...(autocomplete ? { autocomplete } : {}), ...en(enTitle) },
});

export const TEMPLATES: Template[] = [
  {
    id: 'applicant',
    name: { de: 'Antragsteller mit Anschrift', en: 'Applicant with address' },
    required: ['antragsteller'],
    properties: {
      antragsteller: {
        type: 'object',
        title: 'Antragstellerin oder Antragsteller',
        required: ['vorname', 'nachname', 'strasse', 'plz', 'ort'],
        'x-ozg': en('Applicant'),
        properties: {
          vorname: text('Vorname', 'First name', 'given-name'),
          nachname: text('Nachname', 'Last name', 'family-name'),
          strasse: text('Straße und Hausnummer', 'Street and number', 'street-address'),
          plz: {
            type: 'string',
            title: 'Postleitzahl',
            format: 'de-postal-code',
            'x-ozg': { autocomplete: 'postal-code', ...en('Postcode') },
          },
          ort: text('Ort', 'Town', 'address-level2'),
          email: {
            type: 'string',
            title: 'E-Mail-Adresse',
            format: 'email',
            'x-ozg': { autocomplete: 'email', ...en('E-mail address') },
          },
        },
      },
    },
  },
  {
    id: 'persons',
    name: { de: 'Wiederholbare Personen', en: 'Repeatable persons' },
    properties: {
      personen: {
        type: 'array',
        title: 'Weitere Personen',
        minItems: 0,
        maxItems: 10,
        'x-ozg': {
          itemTitle: 'Person',
          addLabel: 'Weitere Person hinzufügen',
          i18n: { en: { title: 'Further persons', itemTitle: 'Person', addLabel: 'Add another person' } },
        },
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: text('Name', 'Name'),
            geburtsdatum: { type: 'string', format: 'date', title: 'Geburtsdatum', 'x-ozg': en('Date of birth') },
          },
        },
      },
    },
  },
  {
    id: 'file',
    name: { de: 'Dateifrage (Nachweis)', en: 'File question (evidence)' },
    properties: {
      nachweise: {
        type: 'array',
        title: 'Nachweise',
        description: 'Zum Beispiel eine Vollmacht oder ein Foto.',
        minItems: 1,
        maxItems: 5,
        'x-ozg': {
          file: { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxFileSize: 10485760 },
          i18n: { en: { title: 'Evidence', description: 'For example a power of attorney or a photo.' } },
        },
      },
    },
  },
  {
    id: 'fee',
    name: { de: 'Gebührenregel', en: 'Fee rule' },
    root: {
      fees: {
        policy: 'before-submission',
        purpose: 'Verwaltungsgebuehr',
        items: [
          {
            id: 'gebuehr',
            description: 'Verwaltungsgebühr',
            amount: 2500,
            i18n: { en: { description: 'Administrative fee' } },
          },
        ],
      },
    },
  },
  {
    id: 'login',
    name: { de: 'Anmeldung mit Vorausfüllung', en: 'Login with prefill' },
    root: { account: { login: 'optional', trustLevel: 'substantiell', audience: 'citizen' } },
    required: ['kontoVorname', 'kontoNachname'],
    properties: {
      kontoVorname: text('Vorname', 'First name', 'given-name', {}),
      kontoNachname: text('Nachname', 'Last name', 'family-name', {}),
    },
  },
  {
    id: 'custom',
    name: { de: 'Wohnort mit PLZ-Suche (eigenes Element)', en: 'Town with postcode lookup (custom element)' },
    properties: {
      wohnort: {
        type: 'string',
        title: 'Wohnort',
        description: 'Postleitzahl eingeben, der Ort wird ergänzt.',
        pattern: '^\\d{5} \\S.*$',
        'x-ozg': {
          widget: 'my-address-lookup',
          errors: { pattern: 'Bitte geben Sie Postleitzahl und Ort an.' },
          i18n: {
            en: {
              title: 'Town',
              description: 'Enter the postcode, the town is filled in.',
              errors: { pattern: 'Enter postcode and town.' },
            },
          },
        },
      },
    },
  },
];
TEMPLATES[4]!.properties!.kontoVorname['x-ozg'].prefill = 'given_name';
TEMPLATES[4]!.properties!.kontoNachname['x-ozg'].prefill = 'family_name';

export const BLANK: Json = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://musterstadt.example/forms/mein-antrag.json',
  title: 'Mein Antrag',
  type: 'object',
  'x-ozg': {
    leika: '99000000000000',
    steps: [{ id: 'angaben', title: 'Angaben', fields: ['anliegen'], i18n: { en: { title: 'Details' } } }],
    i18n: { en: { title: 'My application' } },
  },
  required: ['anliegen'],
  properties: {
    anliegen: {
      type: 'string',
      title: 'Ihr Anliegen',
      maxLength: 500,
      'x-ozg': { widget: 'textarea', ...en('Your request') },
    },
  },
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The definition with the template's parts added; a name already taken gets a number (personen2).
 * Undefined when the text is no place for a template: not a JSON object, or one whose `properties` or
 * `x-ozg` is there but not an object (an array, null, a number) – the caller then changes nothing.
 */
export function insertTemplate(
  definition: unknown,
  template: Template,
): { definition: Json; first?: string } | undefined {
  if (!isObject(definition)) return undefined;
  if ('properties' in definition && !isObject(definition.properties)) return undefined;
  if ('x-ozg' in definition && !isObject(definition['x-ozg'])) return undefined;
  const d = structuredClone(definition);
  d.properties ??= {};
  d['x-ozg'] ??= {};
  let first: string | undefined;
  const renamed: Record<string, string> = {};
  for (const [name, schema] of Object.entries(template.properties ?? {})) {
    let free = name;
    for (let n = 2; free in d.properties; n++) free = `${name}${n}`;
    renamed[name] = free;
    d.properties[free] = structuredClone(schema);
    first ??= free;
    const steps = d['x-ozg'].steps;
    const last: unknown = Array.isArray(steps) ? steps[steps.length - 1] : undefined;
    if (isObject(last)) {
      last.fields = [...(Array.isArray(last.fields) ? last.fields : []), free];
    }
  }
  if (template.required) {
    d.required = [
      ...new Set([...(Array.isArray(d.required) ? d.required : []), ...template.required.map((n) => renamed[n] ?? n)]),
    ];
  }
  for (const [key, value] of Object.entries(template.root ?? {})) {
    if (!(key in d['x-ozg'])) d['x-ozg'][key] = structuredClone(value);
  }
  return { definition: d, first };
}
