/**
 * The neutral FIM model (read.ts) becomes an ozg-form definition. Property keys are the FIM ids
 * (`G60000086`, `F60000228`): the submitted data then names the FIM elements directly, like the JSON
 * Schemas of the FIM schema repository. Titles and help texts are the German FIM texts; every node
 * keeps `x-ozg.fim: {id, version}`. See docs/fim-import.md for the whole mapping.
 */
import { MAX_LIST_ENTRIES } from '../check/limits.js';
import type { JsonSchema } from '../types.js';
import { codelistEntries, findCodelist, type Codelist } from './codelists.js';
import type { FimChild, FimField, FimGroup, FimRef, FimSchema } from './read.js';
import type { FimReport, ReportLine } from './report.js';
import { applyPraezisierung } from './praezisierung.js';
import { mentionedIds, parseRule } from './rules.js';
import { FimImportError, type Texts } from './xml.js';

type Schema = JsonSchema & Record<string, unknown>;

interface Context {
  codelists: Codelist[];
  lines: ReportLine[];
  counts: FimReport['counts'];
  /** Every FIM id of the message, to tell a rule naming a missing element. */
  known: Set<string>;
}

const fimOf = (ref: FimRef): FimRef => (ref.version ? { id: ref.id, version: ref.version } : { id: ref.id });
const say = (ctx: Context, level: ReportLine['level'], path: string, fim: string | undefined, message: Texts) =>
  ctx.lines.push(fim ? { level, path, fim, message } : { level, path, message });

function typed(field: FimField, value: string, type: unknown): unknown {
  if (type === 'boolean') return value === 'true' || value === '1';
  if (type === 'number' || type === 'integer') return Number(value.replace(',', '.'));
  return value;
}

/**
 * The property key for a FIM id: the id itself while it is free, else the id with `_2`, `_3` … `used`
 * holds the keys given so far and `next` the number to try next for each id, so that 20,000 uses of
 * one id take linear time. Keys are only compared with each other, never looked up on an object: ids
 * like `constructor` or `toString` are kept. `__proto__` is always renamed: the form refuses it as a
 * property name (check/keywords.ts), since answers under it would land on Object.prototype.
 */
function propertyKey(id: string, used: Set<string>, next: Map<string, number>): string {
  let key = id;
  if (used.has(key) || key === '__proto__') {
    let n = next.get(id) ?? 2;
    do key = `${id}_${n++}`;
    while (used.has(key));
    next.set(id, n);
  }
  used.add(key);
  return key;
}

/** The Feldarten of XDatenfelder (code list xdatenfelder.feldart); `label` is handled by the group. */
const FELDARTEN = ['input', 'select', 'checkbox', 'label', 'hidden', 'locked'];

/** The question of one Datenfeld, or undefined when it is not asked (hidden, label). */
function fieldSchema(field: FimField, ctx: Context): Schema | undefined {
  const { feldart, datentyp } = field;
  const x: Record<string, unknown> = { fim: fimOf(field.fim) };
  if (field.help) x.help = field.help;
  const schema: Schema = { title: field.title };
  ctx.counts.fields++;
  if (!FELDARTEN.includes(feldart)) {
    say(ctx, 'warning', `${field.path}/feldart`, field.fim.id, {
      de: `Unbekannte Feldart „${feldart}“ bei „${field.title}“: als Eingabefeld (input) abgefragt.`,
      en: `Unknown feldart "${feldart}" for "${field.title}": asked as an input field.`,
    });
  }
  if (feldart === 'hidden') {
    say(ctx, 'note', field.path, field.fim.id, {
      de: `Verstecktes Feld „${field.title}“ (feldart hidden) wird nicht abgefragt.`,
      en: `Hidden field "${field.title}" (feldart hidden) is not asked.`,
    });
    return undefined;
  }
  if (feldart === 'select' || field.codelist || field.values) {
    let entries = field.values;
    if (!entries && field.codelist) {
      ctx.counts.codelists++;
      const list = findCodelist(ctx.codelists, field.codelist);
      if (list)
        entries = codelistEntries(list, field.codelist, field.title, (message) =>
          say(ctx, 'warning', `${field.path}/codelisteReferenz`, field.fim.id, message),
        );
      else {
        ctx.counts.codelistsMissing++;
        const name = `${field.codelist.uri}${field.codelist.version ? ` Version ${field.codelist.version}` : ''}`;
        say(ctx, 'warning', `${field.path}/codelisteReferenz`, field.fim.id, {
          de: `Codeliste ${name} für „${field.title}“ nicht gegeben (--codelists): als Textfeld abgefragt.`,
          en: `Code list ${name} for "${field.title}" not given (--codelists): asked as a text field.`,
        });
      }
    }
    if (entries && entries.length > 0) {
      schema.type = 'string';
      schema.enum = entries.map((e) => e.code);
      x.enumLabels = Object.fromEntries(entries.map((e) => [e.code, e.label]));
    } else {
      schema.type = 'string';
    }
  } else if (feldart === 'checkbox' || datentyp === 'bool') {
    schema.type = 'boolean';
  } else {
    switch (datentyp) {
      case 'date':
        Object.assign(schema, { type: 'string', format: 'date' });
        break;
      case 'datetime':
        Object.assign(schema, { type: 'string', format: 'date-time' });
        break;
      case 'time':
        Object.assign(schema, { type: 'string', format: 'time' });
        break;
      case 'num':
        schema.type = 'number';
        break;
      case 'num_int':
        schema.type = 'integer';
        break;
      case 'num_currency':
        schema.type = 'number';
        schema.minimum = 0;
        if (!field.help) x.help = 'Betrag in Euro, zum Beispiel 12,50.';
        break;
      case 'file':
      case 'obj':
        Object.assign(schema, { type: 'array', items: { type: 'object' } });
        x.file = {};
        break;
      case 'text':
      case 'text_latin':
      case 'string.latin':
        schema.type = 'string';
        break;
      default:
        schema.type = 'string';
        say(ctx, 'warning', `${field.path}/datentyp`, field.fim.id, {
          de: `Unbekannter Datentyp „${datentyp}“ bei „${field.title}“: als Text abgefragt.`,
          en: `Unknown datentyp "${datentyp}" for "${field.title}": asked as text.`,
        });
    }
  }
  applyPraezisierung(field, schema, x, (message) =>
    say(ctx, 'warning', `${field.path}/praezisierung`, field.fim.id, message),
  );
  if (field.inhalt !== undefined && schema.type !== 'array') schema.default = typed(field, field.inhalt, schema.type);
  if (feldart === 'locked') {
    schema.readOnly = true;
    if (field.inhalt === undefined) {
      say(ctx, 'note', field.path, field.fim.id, {
        de: `Gesperrtes Feld „${field.title}“ ohne Inhalt: bleibt leer.`,
        en: `Locked field "${field.title}" without inhalt: stays empty.`,
      });
    }
  }
  schema['x-ozg'] = x;
  return schema;
}

/**
 * The most entries an anzahl may ask for (minItems, maxItems): the checker's limit (check/limits.ts).
 * Nobody fills in more in an application form, and the form creates the minItems entries of a list
 * when it shows it (structure.ts): an anzahl "1000000000:*" from a file would freeze the person's browser.
 */
const MAX_ENTRIES = MAX_LIST_ENTRIES;

/** The schema of one struktur entry: the element, wrapped in an array when it repeats. */
function entrySchema(entry: FimChild, ctx: Context): Schema | undefined {
  const { element } = entry;
  let { min, max } = entry;
  if (min > max) {
    say(ctx, 'warning', `${entry.path}/anzahl`, element.fim.id, {
      de: `Die Anzahl ${min}:${max} bei „${element.title}“ ist widersprüchlich (Minimum größer als Maximum): als ${max}:${max} übernommen.`,
      en: `The anzahl ${min}:${max} of "${element.title}" is contradictory (minimum above maximum): taken as ${max}:${max}.`,
    });
    min = max;
  }
  if (min > MAX_ENTRIES || (Number.isFinite(max) && max > MAX_ENTRIES)) {
    const anzahl = (lo: number, hi: number) => `${lo}:${Number.isFinite(hi) ? hi : '*'}`;
    const was = anzahl(min, max);
    min = Math.min(min, MAX_ENTRIES);
    max = Number.isFinite(max) ? Math.min(max, MAX_ENTRIES) : max;
    say(ctx, 'warning', `${entry.path}/anzahl`, element.fim.id, {
      de: `Die Anzahl ${was} bei „${element.title}“ verlangt mehr als ${MAX_ENTRIES} Einträge: als ${anzahl(min, max)} übernommen. So viele füllt niemand in einem Antrag aus, und das Formular legt die verlangten Einträge beim Anzeigen an.`,
      en: `The anzahl ${was} of "${element.title}" asks for more than ${MAX_ENTRIES} entries: taken as ${anzahl(min, max)}. Nobody fills in more in an application, and the form creates the required entries when it shows the list.`,
    });
  }
  const inner = element.kind === 'group' ? groupSchema(element, ctx) : fieldSchema(element, ctx);
  if (!inner || max <= 1) return inner;
  const isFile = (inner['x-ozg'] as { file?: unknown } | undefined)?.file !== undefined;
  if (isFile) {
    if (min > 0) inner.minItems = min;
    if (Number.isFinite(max)) inner.maxItems = max;
    return inner;
  }
  const title = element.title;
  let items: Schema = inner;
  if (element.kind === 'field') {
    // The group's warning about a renamed __proto__ speaks for this key too: it is the same.
    const key = propertyKey(element.fim.id, new Set(), new Map());
    items = { type: 'object', properties: { [key]: inner }, required: [key] };
    say(ctx, 'note', entry.path, element.fim.id, {
      de: `Mehrfaches Datenfeld „${title}“ (${min}:${Number.isFinite(max) ? max : '*'}) wird als wiederholbare Gruppe mit je einem Feld abgefragt.`,
      en: `Repeated field "${title}" (${min}:${Number.isFinite(max) ? max : '*'}) is asked as a repeatable group of one field each.`,
    });
  }
  const array: Schema = { type: 'array', title, items, 'x-ozg': { fim: fimOf(element.fim), itemTitle: title } };
  // The entries of a repeatable group are shown without their own legend and hint: the group's text goes on the list.
  if (typeof inner.description === 'string') array.description = inner.description;
  if (min > 0) array.minItems = min;
  if (Number.isFinite(max)) array.maxItems = max;
  return array;
}

/** Properties, required, info texts and rules of a group (or the schema). */
export function groupSchema(group: FimGroup, ctx: Context): Schema {
  if (group.path.includes('datenfeldgruppe')) ctx.counts.groups++;
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const infos: string[] = [];
  const keyOf = new Map<string, string>();
  const used = new Set<string>();
  const next = new Map<string, number>();
  for (const entry of group.children) {
    const { element } = entry;
    if (element.kind === 'field' && element.feldart === 'label') {
      ctx.counts.fields++;
      infos.push(element.inhalt ?? element.title);
      say(ctx, 'note', element.path, element.fim.id, {
        de: `Hinweistext „${element.title}“ (feldart label) steht als Beschreibung über der Gruppe „${group.title}“.`,
        en: `Info text "${element.title}" (feldart label) is shown as the description of the group "${group.title}".`,
      });
      continue;
    }
    const schema = entrySchema(entry, ctx);
    if (!schema) continue;
    const id = element.fim.id;
    const repeated = used.has(id);
    const key = propertyKey(id, used, next);
    if (repeated) {
      say(ctx, 'warning', entry.path, id, {
        de: `Das Element ${id} „${element.title}“ kommt in „${group.title}“ mehrfach vor: Seine Angaben werden unter dem Schlüssel ${key} übermittelt, nicht unter seiner FIM-ID.`,
        en: `The element ${id} "${element.title}" occurs more than once in "${group.title}": its answers are sent under the key ${key}, not under its FIM id.`,
      });
    } else if (key !== id) {
      say(ctx, 'warning', entry.path, id, {
        de: `Die FIM-ID „${id}“ von „${element.title}“ kann keine Frage benennen (das Formular lehnt den Namen ab): Ihre Angaben werden unter dem Schlüssel ${key} übermittelt.`,
        en: `The FIM id "${id}" of "${element.title}" cannot name a question (the form refuses that name): its answers are sent under the key ${key}.`,
      });
    }
    keyOf.set(id, key);
    properties[key] = schema;
    if (entry.min > 0) required.push(key);
  }
  const out: Schema = { type: 'object', title: group.title };
  const description = [group.help, ...infos].filter(Boolean).join(' ');
  if (description) out.description = description;
  out.properties = properties;
  if (required.length) out.required = required;
  applyRules(group, out, keyOf, ctx);
  const { errorsAnyOf } = out as { errorsAnyOf?: string };
  delete out.errorsAnyOf;
  out['x-ozg'] = errorsAnyOf ? { fim: fimOf(group.fim), errors: { anyOf: errorsAnyOf } } : { fim: fimOf(group.fim) };
  return out;
}

function applyRules(group: FimGroup, out: Schema, keyOf: Map<string, string>, ctx: Context): void {
  const comments: string[] = [];
  for (const rule of group.rules) {
    ctx.counts.rules++;
    for (const id of mentionedIds(rule)) {
      if (!ctx.known.has(id)) {
        throw new FimImportError(rule.scriptPath ?? rule.path, {
          de: `Regel ${rule.fim.id} „${rule.name}“ nennt das Element ${id}, das in der Nachricht nicht vorkommt.`,
          en: `Rule ${rule.fim.id} "${rule.name}" names the element ${id}, which is not in the message.`,
        });
      }
    }
    const parsed = parseRule(rule);
    const keys = parsed
      ? (parsed.kind === 'requireOne' ? parsed.of : [parsed.on, ...parsed.require]).map((id) => keyOf.get(id))
      : [];
    if (parsed && keys.every((k): k is string => k !== undefined)) {
      ctx.counts.rulesExpressed++;
      const k = (id: string) => keyOf.get(id)!;
      let how: string;
      if (parsed.kind === 'dependentRequired') {
        const dr = (out.dependentRequired ??= {}) as Record<string, string[]>;
        dr[k(parsed.on)] = [...(dr[k(parsed.on)] ?? []), ...parsed.require.map(k)];
        how = 'dependentRequired';
      } else if (parsed.kind === 'if') {
        const allOf = (out.allOf ??= []) as Schema[];
        allOf.push({
          if: { properties: { [k(parsed.on)]: { const: parsed.equals } }, required: [k(parsed.on)] },
          then: { required: parsed.require.map(k) },
        });
        how = 'if/then';
      } else {
        out.anyOf = parsed.of.map((id) => ({ required: [k(id)] }));
        // The form names the rule in words instead of "must match a schema in anyOf".
        const titles = parsed.of.map((id) => String((out.properties as Record<string, Schema>)[k(id)]!.title));
        // Without a text of the rule, the sentence the form says (schemas/messages.ts): the titles quoted.
        const sentence =
          rule.text ??
          `Bitte füllen Sie mindestens eines der Felder ${titles.map((t) => `„${t}“`).join(' oder ')} aus.`;
        (out as { errorsAnyOf?: string }).errorsAnyOf = sentence;
        // Said before anyone fails it, too: under the group's legend.
        out.description = [out.description, sentence].filter(Boolean).join(' ');
        how = 'anyOf';
      }
      say(ctx, 'note', rule.path, rule.fim.id, {
        de: `Regel „${rule.name}“ als ${how} umgesetzt.`,
        en: `Rule "${rule.name}" expressed as ${how}.`,
      });
      continue;
    }
    const version = rule.fim.version ? ` ${rule.fim.version}` : '';
    comments.push(
      `FIM-Regel ${rule.fim.id}${version} „${rule.name}“: ${rule.text ?? ''}${rule.script ? ` [Skript: ${rule.script}]` : ''}`.trim(),
    );
    say(ctx, 'warning', rule.path, rule.fim.id, {
      de: `Regel „${rule.name}“ ist in JSON Schema nicht ausdrückbar; als $comment an „${group.title}“ aufbewahrt und nicht geprüft.`,
      en: `Rule "${rule.name}" cannot be expressed in JSON Schema; kept as $comment on "${group.title}" and not checked.`,
    });
  }
  if (comments.length) out.$comment = comments.join('\n');
}

function collectIds(group: FimGroup, into: Set<string>): Set<string> {
  into.add(group.fim.id);
  for (const rule of group.rules) into.add(rule.fim.id);
  for (const { element } of group.children) {
    if (element.kind === 'group') collectIds(element, into);
    else into.add(element.fim.id);
  }
  return into;
}

/** The whole definition: one step per top-level Datenfeldgruppe; top-level fields in between share a step. */
export function convertSchema(schema: FimSchema, codelists: Codelist[]): { definition: Schema; report: FimReport } {
  const ctx: Context = {
    codelists,
    lines: [],
    counts: { groups: 0, fields: 0, rules: 0, rulesExpressed: 0, codelists: 0, codelistsMissing: 0 },
    known: collectIds(schema, new Set()),
  };
  const body = groupSchema(schema, ctx);
  const steps: { id: string; title: string; fields: string[] }[] = [];
  let loose: { id: string; title: string; fields: string[] } | undefined;
  for (const [key, property] of Object.entries(body.properties as Record<string, Schema>)) {
    const isGroup =
      property.type === 'object' ||
      (property.type === 'array' &&
        (property.items as Schema | undefined)?.type === 'object' &&
        !(property['x-ozg'] as { file?: unknown }).file);
    if (isGroup) {
      steps.push({ id: key, title: String(property.title), fields: [key] });
      loose = undefined;
    } else {
      if (!loose) steps.push((loose = { id: `angaben-${steps.length + 1}`, title: schema.title, fields: [] }));
      loose.fields.push(key);
    }
  }
  const version = schema.fim.version ?? '';
  const { type: _type, title: _title, 'x-ozg': _x, ...rest } = body;
  const definition: Schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://schema.fitko.de/fim/${schema.fim.id.toLowerCase()}${version ? `_${version}` : ''}.schema.json`,
    title: schema.title,
    type: 'object',
    ...rest,
    'x-ozg': {
      fim: fimOf(schema.fim),
      ...(schema.leika ? { leika: schema.leika } : {}),
      ...(steps.length ? { steps } : {}),
    },
  };
  const report: FimReport = {
    xdfVersion: schema.xdfVersion,
    schema: { ...fimOf(schema.fim), name: schema.name },
    counts: ctx.counts,
    lines: ctx.lines,
  };
  return { definition, report };
}
