/**
 * One set of FIT-Connect stand-in keys (two RSA-4096 pairs) per test run instead of one per server
 * start: generating them takes seconds each time. The first test process of a run creates them with
 * the server's own code (loadOrCreateKeys) in a private temporary folder and moves that folder into
 * place in one rename; every test copies them into its fresh data folder before startServer(), where
 * the server finds and loads them as on any restart. Nothing of this is committed to git.
 *
 * A run is the parent process of the test processes (the `node --test` runner, or Playwright's runner
 * for its workers). Folders of runs whose process is gone are removed.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeys } from '../../server/standins/fitconnect/keys.js';

const PREFIX = 'ozg-form-test-keys-';
const KEY_DIR = 'fitconnect-keys';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStale(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid > 0 && !alive(pid))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

let cached: Promise<string> | undefined;

/** The folder holding this run's keys (<cache>/fitconnect-keys/*.private.jwk.json), created once. */
export function runKeyFolder(): Promise<string> {
  cached ??= (async () => {
    const cache = join(tmpdir(), `${PREFIX}${process.ppid}`);
    if (existsSync(join(cache, KEY_DIR))) return cache;
    removeStale();
    const fresh = mkdtempSync(join(tmpdir(), 'ozg-form-new-keys-'));
    await loadOrCreateKeys(fresh);
    try {
      renameSync(fresh, cache);
    } catch {
      // Another test process of this run was first: use its keys.
      rmSync(fresh, { recursive: true, force: true });
    }
    return cache;
  })();
  return cached;
}

/** Puts this run's stand-in keys into `dataDir` (created 0700 if needed; key files 0600). */
export async function seedTestKeys(dataDir: string): Promise<void> {
  const from = join(await runKeyFolder(), KEY_DIR);
  const to = join(dataDir, KEY_DIR);
  mkdirSync(to, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const file of readdirSync(from)) {
    copyFileSync(join(from, file), join(to, file));
    chmodSync(join(to, file), 0o600);
  }
}
