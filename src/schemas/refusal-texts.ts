/**
 * The sentences of the judge's refusals (support.ts), for the checker: what is not supported, where,
 * and what to write instead. Kept out of support.ts, which ships with every form.
 */
import type { DefinitionProblem } from './check-rules.js';
import type { Refusal } from './support.js';

type Words = (detail: string) => [de: string, en: string];

const WORDS: Record<Refusal['construct'], Words> = {
  'not-object': () => [
    'Die Definition muss auf oberster Ebene "type": "object" haben, denn die Antworten eines Antrags sind ein Objekt.',
    'The definition must have "type": "object" at the top, because the answers of an application are an object.',
  ],
  'no-questions': () => [
    'Die Definition braucht "properties" auf oberster Ebene: die Fragen des Formulars.',
    'The definition needs "properties" at the top: the questions of the form.',
  ],
  tuple: () => [
    'Tupel (items als Liste oder prefixItems: Einträge verschiedener Art je nach Position) werden nicht unterstützt. Schreiben Sie stattdessen ein Objekt mit einer Eigenschaft je Position, oder items mit einem Schema für alle Einträge.',
    'Tuples (items as a list, or prefixItems: entries of a different kind per position) are not supported. Write an object with one property per position instead, or items with one schema for all entries.',
  ],
  'external-ref': (ref) => [
    `Der Verweis „${ref}“ zeigt auf ein anderes Dokument. Eine Definition darf nur auf eigene Teile verweisen, zum Beispiel „#/$defs/adresse“; übernehmen Sie das Schema nach $defs.`,
    `The reference "${ref}" points to another document. A definition may only refer to its own parts, for example "#/$defs/address"; copy the schema into $defs.`,
  ],
  'missing-ref': (ref) => [
    `Der Verweis „${ref}“ führt ins Leere: An dieser Stelle der Definition steht kein Schema. Bitte prüfen Sie den Namen in $defs.`,
    `The reference "${ref}" leads nowhere: there is no schema at that place in the definition. Check the name in $defs.`,
  ],
  'anchor-ref': (ref) => [
    `Der Verweis „${ref}“ nennt einen $anchor. Verweisen Sie stattdessen mit einem JSON Pointer, zum Beispiel „#/$defs/adresse“.`,
    `The reference "${ref}" names an $anchor. Refer with a JSON Pointer instead, for example "#/$defs/address".`,
  ],
  'open-object': () => [
    'Ein Objekt ohne feste Eigenschaften (nur patternProperties oder additionalProperties) wird nicht unterstützt: Es stünde nicht fest, welche Fragen zu stellen sind. Nennen Sie die Fragen in properties, oder schreiben Sie eine Liste (type: array) von Objekten mit einer Eigenschaft für den Namen und einer für den Wert.',
    'An object without fixed properties (only patternProperties or additionalProperties) is not supported: it would not be known which questions to ask. Name the questions in properties, or write a list (type: array) of objects with one property for the name and one for the value.',
  ],
  'array-without-items': () => [
    'Eine Liste (type: array) braucht items: ein Schema für ihre Einträge, zum Beispiel {"type": "string"}.',
    'A list (type: array) needs items: one schema for its entries, for example {"type": "string"}.',
  ],
  'array-items': (type) => [
    `Einträge vom Typ „${type}“ werden nicht unterstützt. Eine Liste enthält Objekte (eine wiederholbare Gruppe), Auswahlwerte (enum oder oneOf mit const) oder einfache Werte (string, number, integer, boolean); eine Liste von Listen schreiben Sie als Liste von Objekten mit einer Liste darin.`,
    `Entries of type "${type}" are not supported. A list holds objects (a repeatable group), choice values (enum or oneOf with const) or simple values (string, number, integer, boolean); write a list of lists as a list of objects holding a list.`,
  ],
  alternatives: () => [
    'Die Alternativen mischen Objekte (mit eigenen Fragen) und einfache Werte; so lässt sich keine Auswahl anbieten. Schreiben Sie alle Alternativen als Objekte mit title, oder alle als einfache Werte.',
    'The alternatives mix objects (with questions of their own) and simple values; no choice can be offered like that. Write all alternatives as objects with a title, or all as simple values.',
  ],
  recursion: (ref) => [
    `Der Verweis „${ref}“ führt in ein Schema zurück, das ihn selbst enthält (Rekursion). Rekursive Definitionen werden nicht unterstützt; schreiben Sie die benötigten Ebenen einzeln in $defs aus (zum Beispiel „ebene1“, „ebene2“).`,
    `The reference "${ref}" leads back into a schema that contains it (recursion). Recursive definitions are not supported; write out the levels you need one by one in $defs (for example "level1", "level2").`,
  ],
  'widget-on-group': (name) => [
    `Das Element <${name}> (x-ozg.widget) kann nur eine Frage mit einer Antwort darstellen (Text, Zahl, Ja/Nein, Auswahl), keine Gruppe und keine Liste. Setzen Sie x-ozg.widget an die einzelnen Fragen der Gruppe oder der Einträge.`,
    `The element <${name}> (x-ozg.widget) can only render a question with one answer (text, number, yes/no, a choice), not a group or a list. Put x-ozg.widget on the single questions of the group or of its entries.`,
  ],
  'empty-enum': () => [
    '"enum": [] lässt keine Antwort zu: Die Frage hätte keine Auswahl. Nennen Sie die Möglichkeiten in enum oder entfernen Sie enum.',
    '"enum": [] allows no answer: the question would offer nothing to choose. Name the options in enum instead, or remove enum.',
  ],
  type: (type) =>
    type === 'null'
      ? [
          '"type": "null" ohne title oder description hat nichts anzuzeigen. Als Hinweistext zwischen den Fragen braucht es eine description; sonst entfernen Sie die Eigenschaft.',
          '"type": "null" without title or description has nothing to show. As a note between the questions it needs a description; otherwise remove the property.',
        ]
      : [
          `"type": "${type}" wird nicht unterstützt. Erlaubt sind string, number, integer, boolean, object, array und null (als Hinweistext).`,
          `"type": "${type}" is not supported. Allowed are string, number, integer, boolean, object, array and null (as a note).`,
        ],
};

export function refusalProblem(refusal: Refusal): DefinitionProblem {
  const [de, en] = WORDS[refusal.construct](refusal.detail ?? '');
  return { pointer: refusal.pointer, message: { de, en } };
}
