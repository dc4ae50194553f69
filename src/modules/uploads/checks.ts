import type { FieldNode, JsonSchema, Lang } from '../../schemas/types.js';
import { detectType, FILE_TYPES, typeAccepted, typeLabel, type FileType } from './file-types.js';
import { formatSize, typeList, ut } from './upload-texts.js';

/** A chosen file as the answer of a file question holds it; the bytes are kept in the browser
 * (upload-store.ts) under the same id, which is also the FIT-Connect attachment id. */
export interface FileRef {
  attachmentId: string;
  filename: string;
  mimeType: string;
  size: number;
}

/** The limits of one file question, from its schema and the definition's root. */
export interface FileRules {
  accept: string[];
  maxFileSize: number;
  minFiles: number;
  maxFiles: number;
  /** All files of the whole form together. */
  maxTotalSize: number;
}

export const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;
export const DEFAULT_MAX_TOTAL_SIZE = 100 * 1024 * 1024;
/** FIT-Connect: at most 100 attachments per submission, 500 MB each (encrypted). */
export const FIT_CONNECT_MAX_ATTACHMENTS = 100;

export function fileRules(schema: JsonSchema, definition: JsonSchema): FileRules {
  const file = schema['x-ozg']?.file ?? {};
  const accept = (file.accept ?? DEFAULT_ACCEPT).filter((t) => t in FILE_TYPES);
  return {
    accept: accept.length ? accept : DEFAULT_ACCEPT,
    maxFileSize: file.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    minFiles: schema.minItems ?? 0,
    maxFiles: Math.min(schema.maxItems ?? DEFAULT_MAX_FILES, FIT_CONNECT_MAX_ATTACHMENTS),
    maxTotalSize: definition['x-ozg']?.files?.maxTotalSize ?? DEFAULT_MAX_TOTAL_SIZE,
  };
}

/**
 * The name as it may be shown and sent: the last path segment only (a name like "../../etc/x.pdf"
 * never names a place), no control characters, at most 255 characters. It is always rendered as text.
 */
export function safeFileName(name: string): string {
  const base = name
    .split(/[/\\]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const clean = base === '.' || base === '..' ? '' : base;
  return (clean || 'datei').slice(-255);
}

export interface Candidate {
  name: string;
  size: number;
  head: Uint8Array;
}
export type Verdict = { ok: true; type: FileType; name: string } | { ok: false; message: string };

/**
 * Checks one chosen file before anything is kept or sent: empty, type by content, size per file,
 * number of files, total size of the form, chosen twice. `chosen` are the files the question has
 * already, `formTotal` the bytes of all files of the form so far.
 */
export function checkCandidate(
  lang: Lang,
  c: Candidate,
  rules: FileRules,
  chosen: FileRef[],
  formTotal: number,
): Verdict {
  const name = safeFileName(c.name);
  if (c.size === 0) return { ok: false, message: ut(lang, 'refusedEmpty', { name }) };
  const type = detectType(c.head);
  if (!type || !typeAccepted(type, rules.accept)) {
    const labels = [...new Set(rules.accept.map(typeLabel))];
    return { ok: false, message: ut(lang, 'refusedType', { name, types: typeList(lang, labels) }) };
  }
  if (c.size > rules.maxFileSize) {
    return {
      ok: false,
      message: ut(lang, 'refusedSize', {
        name,
        size: formatSize(lang, c.size, rules.maxFileSize),
        max: formatSize(lang, rules.maxFileSize, c.size),
      }),
    };
  }
  if (chosen.some((f) => f.filename === name && f.size === c.size))
    return { ok: false, message: ut(lang, 'refusedTwice', { name }) };
  if (chosen.length >= rules.maxFiles)
    return { ok: false, message: ut(lang, 'refusedCount', { name, max: rules.maxFiles }) };
  if (formTotal + c.size > rules.maxTotalSize) {
    return { ok: false, message: ut(lang, 'refusedTotal', { name, max: formatSize(lang, rules.maxTotalSize) }) };
  }
  return { ok: true, type, name };
}

/** "Erlaubt: PDF, JPEG, PNG. Höchstens 10 MB je Datei. Bis zu 3 Dateien." */
export function describeRules(lang: Lang, rules: FileRules): string {
  const labels = [...new Set(rules.accept.map(typeLabel))];
  const main = ut(lang, 'rules', { types: labels.join(', '), size: formatSize(lang, rules.maxFileSize) });
  const count =
    rules.minFiles > 1
      ? ut(lang, 'countRange', { min: rules.minFiles, max: rules.maxFiles })
      : ut(lang, 'count', { max: rules.maxFiles });
  return `${main} ${count}`;
}

export function isFileRef(value: unknown): value is FileRef {
  const v = value as FileRef;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.attachmentId === 'string' &&
    typeof v.filename === 'string' &&
    typeof v.size === 'number'
  );
}

/** Every chosen file of a form's answers, with the question it answers (in question order). */
export function collectFiles(node: FieldNode, value: unknown): { ref: FileRef; node: FieldNode }[] {
  const out: { ref: FileRef; node: FieldNode }[] = [];
  const walk = (n: FieldNode, v: unknown) => {
    if (v === undefined || v === null) return;
    if (n.kind === 'file') {
      if (Array.isArray(v)) for (const ref of v) if (isFileRef(ref)) out.push({ ref, node: n });
    } else if (n.kind === 'object') {
      for (const child of n.children) walk(child, (v as Record<string, unknown>)[child.key]);
    } else if (n.kind === 'array' && Array.isArray(v)) {
      for (const item of v) walk(n.item, item);
    }
  };
  walk(node, value);
  return out;
}
