/**
 * Rules whose error has no question to stand at: `additionalProperties: false` beside properties
 * declared in conditions or alternatives, `minProperties`/`maxProperties` and `not` on an object, and
 * `oneOf`/`anyOf` on an object that is neither a choice of alternatives the form can tell apart nor
 * "at least one of these". Their error is about the form or a group as a whole: the browser shows it
 * nowhere and lets the person send, and Ajv at the gateway or the receiver refuses the application.
 */
import type { DefinitionProblem } from '../check.js';
import { isDraft07 } from '../interpret.js';
import {
  areAlternatives,
  declarations,
  discriminator,
  entries,
  isObjectLevel,
  names,
  owner,
  places,
  type Place,
} from './places.js';
import { isObj, problem, type Obj } from './walk.js';

const where = (pointer: string, lang: 'de' | 'en'): string =>
  pointer ? pointer : lang === 'de' ? '/ (Wurzel)' : '/ (root)';

const WHY = {
  de: 'Das Formular kann diesen Fehler an keiner Frage zeigen (er betrifft das Objekt als Ganzes): Die Person sieht ihn nicht, kann ihn nicht beheben und sendet ab – und das Empfangssystem (Ajv) lehnt den Antrag ab.',
  en: 'The form cannot show this error at any question (it is about the object as a whole): the person does not see it, cannot fix it and sends – and the receiving system (Ajv) refuses the application.',
};

/** Prefixes of the declarations that are never sent together with `place` applying: the other branch
 * of its `if` and the other alternatives (the form sends only the chosen alternative's answers). */
function exclusive(place: Place, top: Place): string[] {
  const out: string[] = [];
  for (let p: Place | undefined = place; p && p !== top && p.parent; p = p.parent) {
    const above = p.parent.pointer;
    if (p.via === 'then') out.push(`${above}/else/`);
    if (p.via === 'else') out.push(`${above}/then/`);
    if (p.via === 'oneOf' || p.via === 'anyOf') {
      const own = p.pointer.split('/').pop();
      const all = p.parent.schema[p.via];
      if (Array.isArray(all)) all.forEach((_, j) => String(j) !== own && out.push(`${above}/${p!.via}/${j}/`));
    }
  }
  return out;
}

function additionalProperties(root: Obj, place: Place): DefinitionProblem[] {
  const { schema, pointer } = place;
  const top = owner(place);
  const own = new Set(isObj(schema.properties) ? Object.keys(schema.properties) : []);
  const patterns = isObj(schema.patternProperties)
    ? Object.keys(schema.patternProperties).flatMap((p) => {
        try {
          return [new RegExp(p, 'u')];
        } catch {
          return [];
        }
      })
    : [];
  const skip = exclusive(place, top);
  const outside = declarations(root, top.schema, top.pointer).filter(
    (d) => !own.has(d.name) && !patterns.some((re) => re.test(d.name)) && !skip.some((s) => d.at.startsWith(s)),
  );
  if (outside.length === 0) return [];
  const list = (lang: 'de' | 'en') =>
    names(
      outside.map((d) => d.name),
      lang,
    );
  const at = [...new Set(outside.map((d) => d.at))].join(', ');
  const draft07 = isDraft07(root);
  return [
    problem(
      `${pointer}/additionalProperties`,
      `"additionalProperties": false an ${where(pointer, 'de')} lässt nur die Eigenschaften zu, die in den eigenen "properties" dieses Schemas stehen; Ajv sieht keine Eigenschaften aus Bedingungen (if/then/else), allOf/anyOf/oneOf oder dependentSchemas. ${list('de')} ${new Set(outside.map((d) => d.name)).size > 1 ? 'sind' : 'ist'} dort nicht deklariert (${at}), also lehnt das Empfangssystem jeden Antrag ab, der darauf antwortet. ${WHY.de} Schreiben Sie stattdessen ${draft07 ? '' : '"unevaluatedProperties": false (JSON Schema 2020-12; es sieht auch die Eigenschaften der Bedingungen und Alternativen, Browser und Ajv prüfen es gleich), '}oder lassen Sie additionalProperties weg – das Formular sendet ohnehin nur die Antworten auf die gezeigten Fragen. Oder deklarieren Sie jede Eigenschaft in den eigenen "properties" des Objekts (Bedingungen ergänzen dann nur "required"; die Frage wird dann allerdings immer gezeigt).`,
      `"additionalProperties": false at ${where(pointer, 'en')} allows only the properties in this schema's own "properties"; Ajv does not see properties of conditions (if/then/else), allOf/anyOf/oneOf or dependentSchemas. ${list('en')} ${new Set(outside.map((d) => d.name)).size > 1 ? 'are' : 'is'} not declared there (${at}), so the receiving system refuses every application that answers it. ${WHY.en} Write ${draft07 ? '' : '"unevaluatedProperties": false instead (JSON Schema 2020-12; it also sees the properties of conditions and alternatives, and the browser and Ajv check it alike), '}or leave additionalProperties out – the form sends only the answers to the questions it shows anyway. Or declare every property in the object's own "properties" (conditions then only add "required"; the question is then always shown, though).`,
    ),
  ];
}

function countRule(root: Obj, place: Place, keyword: 'minProperties' | 'maxProperties'): DefinitionProblem {
  const top = owner(place);
  const [a = 'telefon', b = 'email'] = [...new Set(declarations(root, top.schema, top.pointer).map((d) => d.name))];
  const example = `"anyOf": [{"required": ["${a}"]}, {"required": ["${b}"]}]`;
  const instead =
    keyword === 'minProperties'
      ? {
          de: `Schreiben Sie stattdessen "required" für Pflichtfragen oder für „mindestens eine dieser Angaben“ ${example}: Das Formular zeigt diese Meldung an der ersten der Fragen.`,
          en: `Write "required" for questions that must be answered instead, or for "at least one of these" ${example}: the form shows that message at the first of the questions.`,
        }
      : {
          de: 'Lassen Sie maxProperties weg. Soll nur eine von mehreren Angaben gemacht werden, fragen Sie mit einer Auswahl, welche, und zeigen Sie die passende Frage mit if/then – gesendet werden nur die Antworten gezeigter Fragen.',
          en: 'Leave maxProperties out. If only one of several answers may be given, ask with a choice which one and show the matching question with if/then – only the answers of questions shown are sent.',
        };
  return problem(
    `${place.pointer}/${keyword}`,
    `"${keyword}" an ${where(place.pointer, 'de')} zählt die Antworten des Objekts. ${WHY.de} ${instead.de}`,
    `"${keyword}" at ${where(place.pointer, 'en')} counts the answers of the object. ${WHY.en} ${instead.en}`,
  );
}

function not(place: Place): DefinitionProblem {
  return problem(
    `${place.pointer}/not`,
    `"not" an ${where(place.pointer, 'de')} schließt eine Kombination von Antworten aus. ${WHY.de} Fragen Sie stattdessen mit einer Auswahl, welche Angabe zutrifft, und zeigen Sie die passenden Fragen mit if/then/else (gesendet werden nur die Antworten gezeigter Fragen). Eine einzelne Antwort schließen Sie an der Frage selbst aus, z. B. "not": {"const": "…"} – dort zeigt das Formular die Meldung.`,
    `"not" at ${where(place.pointer, 'en')} rules out a combination of answers. ${WHY.en} Ask with a choice which answer applies instead and show the matching questions with if/then/else (only the answers of questions shown are sent). Rule out a single answer at the question itself, e.g. "not": {"const": "…"} – there the form shows the message.`,
  );
}

const REQUIRED_ONLY = new Set(['required', 'title', 'description', '$comment', 'x-ozg']);

function alternatives(root: Obj, place: Place, keyword: 'oneOf' | 'anyOf'): DefinitionProblem[] {
  const { schema, pointer } = place;
  const options = entries(root, schema, keyword, pointer);
  if (options.length === 0) return [];
  const at = `${pointer}/${keyword}`;
  const requiredOnly = options.every(
    (o) => Array.isArray(o.required) && Object.keys(o).every((k) => REQUIRED_ONLY.has(k)),
  );
  if (areAlternatives(options)) {
    if (keyword === 'anyOf' || discriminator(options)) return [];
    // Without a discriminator: the answers of alternative i also fit j when j requires nothing that
    // only other alternatives declare.
    const top = owner(place);
    const all = declarations(root, top.schema, top.pointer);
    for (let i = 0; i < options.length; i++) {
      const sent = new Set(
        all.filter((d) => !d.at.startsWith(`${at}/`) || d.at.startsWith(`${at}/${i}/`)).map((d) => d.name),
      );
      for (let j = 0; j < options.length; j++) {
        const required = Array.isArray(options[j]!.required) ? (options[j]!.required as unknown[]) : [];
        if (i === j || !required.every((name) => typeof name === 'string' && sent.has(name))) continue;
        const title = (k: number) => (typeof options[k]!.title === 'string' ? String(options[k]!.title) : `${k + 1}`);
        return [
          problem(
            at,
            `Die Alternativen „${title(i)}“ und „${title(j)}“ (oneOf an ${where(pointer, 'de')}) unterscheidet keine Frage mit einem eigenen "const" je Alternative, und „${title(j)}“ verlangt nichts, was bei „${title(i)}“ fehlt: Die Antworten zu „${title(i)}“${required.length ? '' : ' (auch gar keine)'} passen zu beiden, und oneOf lehnt Antworten ab, die zu mehr als einer Alternative passen. ${WHY.de} Geben Sie jeder Alternative eine Eigenschaft mit eigenem "const" (z. B. "art": {"const": "privat"} / {"const": "firma"}; das Formular zeigt sie als Auswahl) oder schreiben Sie "anyOf" statt "oneOf".`,
            `The alternatives "${title(i)}" and "${title(j)}" (oneOf at ${where(pointer, 'en')}) are not told apart by a question with its own "const" in each alternative, and "${title(j)}" requires nothing that "${title(i)}" lacks: the answers of "${title(i)}"${required.length ? '' : ' (even none)'} fit both, and oneOf refuses answers that fit more than one alternative. ${WHY.en} Give every alternative a property with its own "const" (e.g. "art": {"const": "privat"} / {"const": "firma"}; the form shows it as the choice) or write "anyOf" instead of "oneOf".`,
          ),
        ];
      }
    }
    return [];
  }
  if (options.some((o) => areAlternatives([o]))) return []; // mixed: refused by support.ts
  if (requiredOnly && keyword === 'anyOf') return []; // "at least one of these"
  const groups = options.map((o) =>
    Array.isArray(o.required) ? `[${o.required.map((n) => `"${String(n)}"`).join(', ')}]` : '…',
  );
  return [
    problem(
      at,
      requiredOnly
        ? `"oneOf" an ${where(pointer, 'de')} verlangt genau eine der Angaben ${groups.join(' / ')}: Sind mehrere beantwortet, passt der Antrag zu mehr als einem Eintrag und wird abgelehnt. ${WHY.de} Schreiben Sie "anyOf" (mindestens eine dieser Angaben; das Formular zeigt die Meldung an der ersten Frage) oder fragen Sie mit einer Auswahl, welche Angabe gemacht wird, und zeigen Sie die Frage mit if/then.`
        : `Die Einträge von "${keyword}" an ${where(pointer, 'de')} sind weder Alternativen von Fragen (Objekte mit "properties", unterschieden durch ein "const") noch „mindestens eine dieser Angaben“ (anyOf nur mit "required"). ${WHY.de} Schreiben Sie die Regel als Bedingung (if/then mit "required") oder an die einzelnen Fragen.`,
      requiredOnly
        ? `"oneOf" at ${where(pointer, 'en')} demands exactly one of ${groups.join(' / ')}: when several are answered, the application fits more than one entry and is refused. ${WHY.en} Write "anyOf" (at least one of these; the form shows the message at the first question) or ask with a choice which answer is given and show the question with if/then.`
        : `The entries of "${keyword}" at ${where(pointer, 'en')} are neither alternatives of questions (objects with "properties", told apart by a "const") nor "at least one of these" (anyOf with only "required"). ${WHY.en} Write the rule as a condition (if/then with "required") or at the single questions.`,
    ),
  ];
}

export function checkUnseenErrors(root: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const place of places(root)) {
    if (place.inCondition || !isObjectLevel(place)) continue;
    const { schema } = place;
    if (schema.additionalProperties === false) problems.push(...additionalProperties(root, place));
    for (const keyword of ['minProperties', 'maxProperties'] as const)
      if (typeof schema[keyword] === 'number') problems.push(countRule(root, place, keyword));
    if ('not' in schema && schema.not !== undefined) problems.push(not(place));
    for (const keyword of ['oneOf', 'anyOf'] as const)
      if (Array.isArray(schema[keyword])) problems.push(...alternatives(root, place, keyword));
  }
  return problems;
}
