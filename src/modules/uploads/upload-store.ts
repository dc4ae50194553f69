/**
 * The chosen files of a draft, kept in IndexedDB (localStorage holds strings of a few MB; a scan is
 * larger), so a reload or a login or payment redirect loses none. Keyed by form id and attachment id;
 * the answers (draft) hold only the references (FileRef).
 */
export interface StoredFile {
  formId: string;
  attachmentId: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  /** When it was kept (ms since 1970); files kept before this was recorded have none. */
  savedAt?: number;
  /** Its form keeps drafts in this browser's localStorage (LocalDraftStore): then "no draft there"
   * means the draft is gone, and the pages of other forms may remove the file (file-sweep.ts). */
  localDraft?: boolean;
}

/** Behind a small interface so a deployment can keep files elsewhere (and tests can use memory). */
export interface FileStore {
  put(file: StoredFile): Promise<void>;
  get(formId: string, attachmentId: string): Promise<StoredFile | undefined>;
  remove(formId: string, attachmentId: string): Promise<void>;
  /** Removes every file of a form (the draft was discarded or sent). */
  removeAll(formId: string): Promise<void>;
  /** The attachment ids of the files kept for a form (optional for a store of a deployment: without
   * it, files whose draft expired are not found and stay). */
  list?(formId: string): Promise<string[]>;
  /** Every form with kept files: when the newest of them was kept (0: undated), and whether all of
   * them belong to drafts kept in localStorage (`localDraft`). Optional, as `list`: without it the
   * files of other forms stay until their own form is opened again. */
  forms?(): Promise<Map<string, { newest: number; localDraft: boolean }>>;
}

const DB_NAME = 'ozg-form-uploads';
const STORE = 'files';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class IndexedDbFileStore implements FileStore {
  private db?: Promise<IDBDatabase>;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: ['formId', 'attachmentId'] });
        store.createIndex('formId', 'formId');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        this.db = undefined;
        reject(req.error ?? new Error('IndexedDB unavailable'));
      };
    });
    return this.db;
  }

  private async tx<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const tx = db.transaction(STORE, mode);
    const result = request(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    return result;
  }

  async put(file: StoredFile): Promise<void> {
    await this.tx('readwrite', (s) => s.put(file));
  }

  async get(formId: string, attachmentId: string): Promise<StoredFile | undefined> {
    return (await this.tx('readonly', (s) => s.get([formId, attachmentId]))) as StoredFile | undefined;
  }

  async remove(formId: string, attachmentId: string): Promise<void> {
    await this.tx('readwrite', (s) => s.delete([formId, attachmentId]));
  }

  async removeAll(formId: string): Promise<void> {
    await this.tx('readwrite', (s) => s.delete(IDBKeyRange.bound([formId, ''], [formId, '\uffff'])));
  }

  async list(formId: string): Promise<string[]> {
    const keys = await this.tx('readonly', (s) => s.getAllKeys(IDBKeyRange.bound([formId, ''], [formId, '\uffff'])));
    return keys.map((key) => String((key as string[])[1]));
  }

  async forms(): Promise<Map<string, { newest: number; localDraft: boolean }>> {
    const files = (await this.tx('readonly', (s) => s.getAll())) as StoredFile[];
    const forms = new Map<string, { newest: number; localDraft: boolean }>();
    for (const { formId, savedAt = 0, localDraft = false } of files) {
      const seen = forms.get(formId);
      forms.set(formId, {
        newest: Math.max(seen?.newest ?? 0, savedAt),
        localDraft: (seen?.localDraft ?? true) && localDraft,
      });
    }
    return forms;
  }
}

/** Files kept only in memory: when IndexedDB is unavailable (some private modes) the form still works
 * until the page is reloaded. */
export class MemoryFileStore implements FileStore {
  private files = new Map<string, StoredFile>();
  private key = (formId: string, id: string) => `${formId}\n${id}`;
  async put(file: StoredFile) {
    this.files.set(this.key(file.formId, file.attachmentId), file);
  }
  async get(formId: string, id: string) {
    return this.files.get(this.key(formId, id));
  }
  async remove(formId: string, id: string) {
    this.files.delete(this.key(formId, id));
  }
  async removeAll(formId: string) {
    for (const k of [...this.files.keys()]) if (k.startsWith(`${formId}\n`)) this.files.delete(k);
  }
  async list(formId: string) {
    return [...this.files.values()].filter((f) => f.formId === formId).map((f) => f.attachmentId);
  }
}

const memory = new MemoryFileStore();
let shared: FileStore | undefined;

/** The file store of this page: IndexedDB, with files that IndexedDB refused kept in memory. */
export function fileStore(): FileStore {
  if (shared) return shared;
  const idb = typeof indexedDB === 'undefined' ? undefined : new IndexedDbFileStore();
  shared = {
    async put(file) {
      if (!idb) return memory.put(file);
      try {
        await idb.put(file);
      } catch (e) {
        await memory.put(file);
        throw e;
      }
    },
    async get(formId, id) {
      return (await memory.get(formId, id)) ?? (idb ? await idb.get(formId, id).catch(() => undefined) : undefined);
    },
    async remove(formId, id) {
      await memory.remove(formId, id);
      await idb?.remove(formId, id).catch(() => undefined);
    },
    async removeAll(formId) {
      await memory.removeAll(formId);
      await idb?.removeAll(formId).catch(() => undefined);
    },
    async list(formId) {
      const kept = idb ? await idb.list(formId).catch(() => []) : [];
      return [...new Set([...(await memory.list(formId)), ...kept])];
    },
    // (The files in memory are this page's own: only IndexedDB keeps those of other forms.)
    forms: async () => (idb ? await idb.forms().catch(() => new Map()) : new Map()),
  };
  return shared;
}

/** Replace the page's file store (a deployment keeping files elsewhere, tests). */
export function setFileStore(store: FileStore): void {
  shared = store;
}
