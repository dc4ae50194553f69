/**
 * The one wrapper around `localStorage`. Storage may be switched off (private mode, a policy) or full:
 * every call then quietly does nothing, and the form keeps working; only what it would keep is lost.
 */
const store = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // a sandboxed frame throws on the mere access
  }
};

/** The value kept under `key`, parsed; undefined when there is none or it is not JSON. */
export function readJson<T>(key: string): T | undefined {
  try {
    const raw = store()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `value` as JSON under `key`; false when storage refused it. */
export function writeJson(key: string, value: unknown): boolean {
  try {
    store()?.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The text kept under `key` as it is (for a cheap look without parsing). */
export function readRaw(key: string): string | undefined {
  try {
    return store()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function removeKey(key: string): void {
  try {
    store()?.removeItem(key);
  } catch {
    /* storage disabled */
  }
}

/** The keys kept under `prefix`; none when storage is switched off. */
export function storageKeys(prefix: string): string[] {
  try {
    return Object.keys(store() ?? {}).filter((key) => key.startsWith(prefix));
  } catch {
    return [];
  }
}

/**
 * Has the browser load this origin's storage now, in a task of its own. The first access waits until
 * it is loaded (in Chromium a blocking round trip to the browser process: 1–17 ms measured in a fresh
 * tab); made in the middle of the form's first render, to restore a draft, that wait would delay it.
 * Called when the script runs: the definition is usually still on its way then. `task` is what reads
 * it (the sweep of what forms kept past their days).
 */
export function loadStorageEarly(task: () => void): void {
  if (typeof setTimeout === 'function') setTimeout(task, 0);
}
