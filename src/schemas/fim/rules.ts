/**
 * FIM Regeln (R…) that JSON Schema can say. XDatenfelder leaves the rule language open (a free text
 * plus a script); the importer understands three script forms and keeps every other rule as a comment:
 *
 *   if (filled(F1)) require(F2, F3)   -> dependentRequired { F1: [F2, F3] }
 *   if (F1 == 'code') require(F2)     -> if/then: F2 required while F1 has that value (also true/false/numbers)
 *   requireOne(G1, G2)                -> anyOf: at least one of them answered (alternatives)
 *
 * The ids are FIM ids of elements in the same group as the rule (its siblings).
 */
import type { FimRule } from './read.js';

export type RuleSchema =
  | { kind: 'dependentRequired'; on: string; require: string[] }
  | { kind: 'if'; on: string; equals: string | number | boolean; require: string[] }
  | { kind: 'requireOne'; of: string[] };

const ID = String.raw`[A-Z]\d+`;
const IDS = String.raw`${ID}(?:\s*,\s*${ID})*`;
const FILLED = new RegExp(
  String.raw`^if\s*\(\s*filled\(\s*(${ID})\s*\)\s*\)\s*\{?\s*require\(\s*(${IDS})\s*\)\s*;?\s*\}?\s*;?$`,
);
const EQUALS = new RegExp(
  String.raw`^if\s*\(\s*(${ID})\s*===?\s*('[^']*'|"[^"]*"|true|false|-?\d+(?:\.\d+)?)\s*\)\s*\{?\s*require\(\s*(${IDS})\s*\)\s*;?\s*\}?\s*;?$`,
);
const ONE = new RegExp(String.raw`^requireOne\(\s*(${IDS})\s*\)\s*;?$`);

const ids = (list: string): string[] => list.split(',').map((s) => s.trim());

function literal(source: string): string | number | boolean {
  if (source === 'true') return true;
  if (source === 'false') return false;
  if (/^['"]/.test(source)) return source.slice(1, -1);
  return Number(source);
}

/** The JSON Schema form of a rule's script, or undefined when the script is none of the known forms. */
export function parseRule(rule: FimRule): RuleSchema | undefined {
  const script = rule.script?.trim().replace(/\s+/g, ' ');
  if (!script) return undefined;
  let m = FILLED.exec(script);
  if (m) return { kind: 'dependentRequired', on: m[1]!, require: ids(m[2]!) };
  m = EQUALS.exec(script);
  if (m) return { kind: 'if', on: m[1]!, equals: literal(m[2]!), require: ids(m[3]!) };
  m = ONE.exec(script);
  if (m) return { kind: 'requireOne', of: ids(m[1]!) };
  return undefined;
}

/** Every FIM id a rule's script mentions (to find references to missing elements). */
export function mentionedIds(rule: FimRule): string[] {
  return [...new Set(rule.script?.match(new RegExp(String.raw`\b[SGFR]\d{6,}\b`, 'g')) ?? [])];
}
