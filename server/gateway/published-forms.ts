import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { JsonSchema } from 'ozg-form/rules';

/**
 * The form definitions a municipality has published, read from the configured folders. The gateway
 * computes fees only from these, never from a definition the browser sends. A form is found by its
 * `$id`, or (for definitions without one) by its file name as the last segment of the URL the
 * browser loaded it from. Re-read when a file changes, so publishing needs no restart.
 */
export class PublishedForms {
  private cache = new Map<string, { mtime: number; definition: JsonSchema }>();

  constructor(private readonly dirs: string[]) {}

  private files(): string[] {
    const out: string[] = [];
    for (const dir of this.dirs) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) if (name.endsWith('.json')) out.push(join(dir, name));
    }
    return out;
  }

  private read(file: string): JsonSchema | undefined {
    try {
      const mtime = statSync(file).mtimeMs;
      const hit = this.cache.get(file);
      if (hit && hit.mtime === mtime) return hit.definition;
      const definition = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
      this.cache.set(file, { mtime, definition });
      return definition;
    } catch {
      return undefined;
    }
  }

  /** Whether a published form of this LeiKa key wants its fee paid before it is sent. */
  paymentBeforeSubmission(leika: string): boolean {
    return this.files().some((f) => {
      const ozg = (this.read(f)?.['x-ozg'] ?? {}) as { leika?: unknown; fees?: { policy?: unknown } };
      return ozg.leika === leika && ozg.fees?.policy === 'before-submission';
    });
  }

  /** The LeiKa key of a published form. */
  leikaOf(formId: string): string | undefined {
    const leika = ((this.find(formId)?.['x-ozg'] ?? {}) as { leika?: unknown }).leika;
    return typeof leika === 'string' ? leika : undefined;
  }

  /** The published definition the browser means by `formId`, or undefined. */
  find(formId: string): JsonSchema | undefined {
    const files = this.files();
    for (const file of files) {
      const d = this.read(file);
      if (d && typeof d.$id === 'string' && d.$id === formId) return d;
    }
    let name: string | undefined;
    try {
      name = basename(new URL(formId).pathname);
    } catch {
      return undefined;
    }
    const file = files.find((f) => basename(f) === name);
    const d = file ? this.read(file) : undefined;
    return d && typeof d.$id !== 'string' ? d : undefined;
  }
}
