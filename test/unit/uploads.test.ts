/**
 * The uploads building block without the form: what a file is by content, what is refused and how
 * the refusal reads, the IndexedDB file store, and the client sending files it encrypts at upload.
 */
import { expect } from '@open-wc/testing';
import {
  base64UrlBytes,
  encryptBlobForDestination,
  encryptLargeForDestination,
  sha512HexOfBlob,
  checkCandidate,
  describeRules,
  detectType,
  fileRules,
  formatSize,
  IndexedDbFileStore,
  ORPHAN_AFTER_MS,
  safeFileName,
  sweepOtherForms,
  type FileRef,
  type FileRules,
} from '../../src/modules/uploads/index.js';
import { SubmissionClient, sha512Hex, type EncryptedSubmission } from '../../src/modules/submission/index.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p));
  return new Uint8Array(out);
};
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''));

const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode.');

const RULES: FileRules = {
  accept: ['application/pdf', 'image/jpeg', 'image/png'],
  maxFileSize: 1024,
  minFiles: 0,
  maxFiles: 2,
  maxTotalSize: 4096,
};
const ref = (filename: string, size: number): FileRef => ({
  attachmentId: crypto.randomUUID(),
  filename,
  mimeType: 'application/pdf',
  size,
});

describe('uploads: type by content', () => {
  it('knows PDF, JPEG, PNG, TIFF, GIF, WebP by their first bytes', () => {
    expect(detectType(PDF)).to.equal('application/pdf');
    expect(detectType(JPEG)).to.equal('image/jpeg');
    expect(detectType(PNG)).to.equal('image/png');
    expect(detectType(bytes('II*', [0]))).to.equal('image/tiff');
    expect(detectType(bytes('GIF89a'))).to.equal('image/gif');
    expect(detectType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).to.equal('image/webp');
  });

  it('reads HEIC and HEIF from the ftyp brands, major or compatible', () => {
    expect(detectType(ftyp('heic', 'mif1', 'heic'))).to.equal('image/heic');
    expect(detectType(ftyp('mif1', 'mif1', 'heic'))).to.equal('image/heic');
    expect(detectType(ftyp('heix'))).to.equal('image/heic');
    expect(detectType(ftyp('mif1', 'mif1'))).to.equal('image/heif');
    expect(detectType(ftyp('isom', 'mp41'))).to.equal(undefined); // an MP4 video is no image
  });

  it('does not believe a name: a program called scan.pdf stays unknown', () => {
    expect(detectType(EXE)).to.equal(undefined);
    expect(detectType(new Uint8Array())).to.equal(undefined);
  });
});

describe('uploads: checks before anything is kept', () => {
  it('refuses a renamed program and says what is allowed', () => {
    const v = checkCandidate('de', { name: 'scan.pdf', size: 2000, head: EXE }, RULES, [], 0);
    expect(v.ok).to.equal(false);
    expect(!v.ok && v.message).to.equal(
      'Die Datei scan.pdf ist keine PDF-, JPEG- oder PNG-Datei. Bitte wählen Sie eine Datei in einem dieser Formate.',
    );
    const en = checkCandidate('en', { name: 'scan.exe', size: 2000, head: EXE }, RULES, [], 0);
    expect(!en.ok && en.message).to.equal(
      'The file scan.exe is not a PDF, JPEG or PNG file. Choose a file in one of these formats.',
    );
  });

  it('refuses an empty file', () => {
    const v = checkCandidate('de', { name: 'leer.pdf', size: 0, head: new Uint8Array() }, RULES, [], 0);
    expect(!v.ok && v.message).to.equal(
      'Die Datei leer.pdf ist leer (0 Byte). Bitte wählen Sie eine Datei mit Inhalt.',
    );
  });

  it('takes a file of exactly the limit and refuses one byte more, naming both sizes exactly', () => {
    const rules = { ...RULES, maxFileSize: 10 * 1024 * 1024, maxTotalSize: 100 * 1024 * 1024 };
    expect(checkCandidate('de', { name: 'a.pdf', size: rules.maxFileSize, head: PDF }, rules, [], 0).ok).to.equal(true);
    const v = checkCandidate('de', { name: 'a.pdf', size: rules.maxFileSize + 1, head: PDF }, rules, [], 0);
    expect(!v.ok && v.message).to.equal(
      'Die Datei a.pdf ist 10.485.761 Byte groß; erlaubt sind höchstens 10.485.760 Byte je Datei. Bitte verkleinern Sie sie, zum Beispiel als PDF mit geringerer Auflösung.',
    );
    const far = checkCandidate('de', { name: 'b.pdf', size: 15 * 1024 * 1024, head: PDF }, rules, [], 0);
    expect(!far.ok && far.message).to.equal(
      'Die Datei b.pdf ist 15 MB groß; erlaubt sind höchstens 10 MB je Datei. Bitte verkleinern Sie sie, zum Beispiel als PDF mit geringerer Auflösung.',
    );
  });

  it('refuses one file too many, the same file twice, and the form total', () => {
    const two = [ref('a.pdf', 10), ref('b.pdf', 20)];
    const many = checkCandidate('de', { name: 'c.pdf', size: 30, head: PDF }, RULES, two, 30);
    expect(!many.ok && many.message).to.equal(
      'Die Datei c.pdf wurde nicht hinzugefügt: Sie können höchstens 2 Dateien anhängen.',
    );
    const twice = checkCandidate('de', { name: 'a.pdf', size: 10, head: PDF }, RULES, two.slice(0, 1), 10);
    expect(!twice.ok && twice.message).to.equal('Die Datei a.pdf ist bereits ausgewählt.');
    const total = checkCandidate('de', { name: 'd.pdf', size: 1000, head: PDF }, RULES, [], 3500);
    expect(!total.ok && total.message).to.contain('alle Dateien des Antrags zusammen dürfen höchstens 4 KB groß sein');
  });

  it('keeps only the last segment of a name with ../ and control characters; HTML stays text', () => {
    expect(safeFileName('../../etc/<b>passwd.pdf')).to.equal('<b>passwd.pdf');
    expect(safeFileName('..\\..\\boot.ini')).to.equal('boot.ini');
    expect(safeFileName('a\u0000b\nc.pdf')).to.equal('abc.pdf');
    expect(safeFileName('../')).to.equal('datei');
    const v = checkCandidate('de', { name: '../<img src=x onerror=alert(1)>.pdf', size: 10, head: PDF }, RULES, [], 0);
    expect(v.ok && v.name).to.equal('<img src=x onerror=alert(1)>.pdf');
  });

  it('reads limits from the definition, with FIT-Connect’s 100 attachments as the ceiling', () => {
    const rules = fileRules(
      {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        'x-ozg': { file: { accept: ['application/pdf', 'image/heic'], maxFileSize: 2048 } },
      },
      { 'x-ozg': { files: { maxTotalSize: 9999 } } },
    );
    expect(rules).to.deep.equal({
      accept: ['application/pdf', 'image/heic'],
      maxFileSize: 2048,
      minFiles: 1,
      maxFiles: 100,
      maxTotalSize: 9999,
    });
    expect(describeRules('de', rules)).to.equal('Erlaubt: PDF, HEIC. Höchstens 2 KB je Datei. Bis zu 100 Dateien.');
    expect(formatSize('en', 1536)).to.equal('1.5 KB');
    expect([formatSize('de', 45), formatSize('en', 45)]).to.deep.equal(['45 Byte', '45 bytes']);
  });
});

describe('uploads: IndexedDB file store', () => {
  it('keeps a file across store instances and removes all files of one form only', async () => {
    const formId = `urn:test:${crypto.randomUUID()}`;
    const other = `urn:test:${crypto.randomUUID()}`;
    const a = new IndexedDbFileStore();
    const id = crypto.randomUUID();
    await a.put({
      formId,
      attachmentId: id,
      name: 'a.pdf',
      type: 'application/pdf',
      size: PDF.length,
      blob: new Blob([PDF as BlobPart]),
    });
    await a.put({
      formId: other,
      attachmentId: id,
      name: 'b.pdf',
      type: 'application/pdf',
      size: 1,
      blob: new Blob(['x']),
    });
    const b = new IndexedDbFileStore(); // a new page would open the database anew
    const got = await b.get(formId, id);
    expect(got?.name).to.equal('a.pdf');
    expect(new Uint8Array(await got!.blob.arrayBuffer())).to.deep.equal(PDF);
    await b.removeAll(formId);
    expect(await b.get(formId, id)).to.equal(undefined);
    expect((await b.get(other, id))?.name).to.equal('b.pdf');
    await b.removeAll(other);
  });
});

describe('uploads: files of other forms', () => {
  it('removes the files of forms with neither a draft nor a submission here, but not this form’s, recent or referred-to ones, nor those of drafts kept elsewhere', async () => {
    const store = new IndexedDbFileStore();
    const now = Date.now();
    const old = now - ORPHAN_AFTER_MS - 1000;
    const form = (name: string) => `urn:test:${name}:${crypto.randomUUID()}`;
    const forms = {
      expired: form('expired'), // its draft was swept: an earlier person's scan
      undated: form('undated'), // kept without a date, no draft either
      drafted: form('drafted'), // a draft still refers to it
      elsewhere: form('elsewhere'), // its page keeps drafts with its own DraftStore, not in localStorage
      unmarked: form('unmarked'), // kept before files said where their draft is
      sending: form('sending'), // a submission of it is under way (its files are uploaded from here)
      fresh: form('fresh'), // kept a moment ago in another tab, its draft not yet written
      current: form('current'), // the form on this page (dropUnnamed looks after its files)
    };
    const put = (formId: string, savedAt?: number, localDraft: boolean | 'unmarked' = true) =>
      store.put({
        formId,
        attachmentId: crypto.randomUUID(),
        name: 'scan.pdf',
        type: 'application/pdf',
        size: PDF.length,
        blob: new Blob([PDF as BlobPart]),
        ...(savedAt === undefined ? {} : { savedAt }),
        ...(localDraft === 'unmarked' ? {} : { localDraft }),
      });
    await put(forms.expired, old);
    await put(forms.expired, old - 1000);
    await put(forms.undated);
    await put(forms.drafted, old);
    await put(forms.elsewhere, old, false);
    await put(forms.unmarked, old, 'unmarked');
    await put(forms.sending, old);
    await put(forms.fresh, now - 1000);
    await put(forms.current, old);
    localStorage.setItem(
      `ozg-form:draft:${forms.drafted}`,
      JSON.stringify({ v: 1, savedAt: new Date().toISOString(), data: {}, step: 0 }),
    );
    localStorage.setItem(
      `ozg-form:submission:${forms.sending}`,
      JSON.stringify({ v: 1, state: { idempotencyKey: crypto.randomUUID() } }),
    );
    try {
      const removed = await sweepOtherForms(store, forms.current, now);
      expect([...removed].sort()).to.deep.equal([forms.expired, forms.undated].sort());
      const left = await store.forms();
      expect(left.has(forms.expired)).to.equal(false);
      expect(left.has(forms.undated)).to.equal(false);
      for (const kept of [forms.drafted, forms.elsewhere, forms.unmarked, forms.sending, forms.fresh, forms.current])
        expect((await store.list(kept)).length, kept).to.equal(1);
    } finally {
      localStorage.removeItem(`ozg-form:draft:${forms.drafted}`);
      localStorage.removeItem(`ozg-form:submission:${forms.sending}`);
      for (const formId of Object.values(forms)) await store.removeAll(formId);
    }
  });
});

describe('submission client: attachments encrypted at upload', () => {
  it('asks for each missing ciphertext once, skips what the gateway has, and resumes with the file that failed', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const pkg: EncryptedSubmission = {
      leika: '99110007000000',
      encryptedMetadata: 'm',
      encryptedData: 'd',
      attachments: ids.map((attachmentId) => ({ attachmentId })),
    };
    const puts: string[] = [];
    let failNext = true;
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/submissions') && init?.method === 'POST') {
        return new Response(
          JSON.stringify({ submissionId: 's', caseId: 'c', caseSecret: 'x', sentAttachments: [ids[0]], sent: false }),
          { status: 201 },
        );
      }
      return new Response(null, { status: init?.method === 'PUT' && url.includes('/attachments/') ? 204 : 202 });
    }) as typeof fetch;
    const loaded: string[] = [];
    let state = { idempotencyKey: 'k', sentAttachments: [] as string[], sent: false };
    const client = new SubmissionClient({
      baseUrl: 'https://gw.invalid/',
      fetch: fetchImpl,
      attempts: 1,
      onState: (s) => {
        state = s as typeof state;
      },
      loadAttachment: async (id) => {
        loaded.push(id);
        return `jwe-of-${id}`;
      },
      uploadAttachment: async (url, init, id) => {
        if (id === ids[2] && failNext) {
          failNext = false;
          throw new TypeError('network error during upload');
        }
        puts.push(`${id}:${init.body}`);
        return new Response(null, { status: 204 });
      },
    });
    let error: unknown;
    try {
      await client.submit(pkg, state);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
    expect(state.sentAttachments).to.deep.equal([ids[0], ids[1]]); // the first the gateway had, the second sent
    const done = await client.submit(pkg, state);
    expect(done.sent).to.equal(true);
    expect(puts).to.deep.equal([`${ids[1]}:jwe-of-${ids[1]}`, `${ids[2]}:jwe-of-${ids[2]}`]);
    expect(loaded).to.deep.equal([ids[1], ids[2], ids[2]]); // re-encrypted for the retry, never the one the gateway had
  });
});

describe('uploads: large files as JWE (RFC 7516) built in slices', () => {
  it('encodes base64url like the standard, including the short ends', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\xff\xfe\xfd\xfc']) {
      const input = Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
      const expected = btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      expect(new TextDecoder().decode(base64UrlBytes(input))).to.equal(expected);
    }
  });

  it('produces a JWE that jose decrypts to the same bytes, with the destination kid', async function () {
    this.timeout(60_000);
    const { compactDecrypt, exportJWK, generateKeyPair } = await import('jose');
    const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'dest-kid', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'] };
    const plain = new Uint8Array(3 * 256 * 1024 * 2 + 5); // over two slices, not a multiple of 3
    for (let i = 0; i < plain.length; i += 65536) crypto.getRandomValues(plain.subarray(i, i + 65536));
    const blob = await encryptLargeForDestination(jwk as never, plain);
    const { plaintext, protectedHeader } = await compactDecrypt(await blob.text(), pair.privateKey);
    expect(protectedHeader).to.deep.equal({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'dest-kid' });
    expect(plaintext.length).to.equal(plain.length);
    expect(await sha512Hex(plaintext)).to.equal(await sha512Hex(plain));
  });

  it('hashes and encrypts a stored file in a worker made from the same code, with the same results', async function () {
    this.timeout(60_000);
    const { compactDecrypt, exportJWK, generateKeyPair } = await import('jose');
    const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'dest-kid', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'] };
    const plain = new Uint8Array(3 * 256 * 1024 + 1);
    for (let i = 0; i < plain.length; i += 65536) crypto.getRandomValues(plain.subarray(i, i + 65536));
    const file = new Blob([plain]);
    // Watch the worker: it must be a blob: worker, and the jobs must go to it (not the fallback).
    const posted: string[] = [];
    const created: string[] = [];
    const Original = globalThis.Worker;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        created.push(String(url));
      }
      override postMessage(message: unknown, ...rest: never[]) {
        posted.push((message as { op: string }).op);
        super.postMessage(message, ...rest);
      }
    } as typeof Worker;
    let hash: string;
    let jwe: Blob;
    try {
      hash = await sha512HexOfBlob(file);
      jwe = await encryptBlobForDestination(jwk as never, file);
    } finally {
      globalThis.Worker = Original;
    }
    expect(created.map((u) => u.slice(0, 5))).to.deep.equal(['blob:']);
    expect(posted).to.deep.equal(['hash', 'encrypt']);
    expect(hash).to.equal(await sha512Hex(plain));
    const { plaintext, protectedHeader } = await compactDecrypt(await jwe.text(), pair.privateKey);
    expect(protectedHeader.kid).to.equal('dest-kid');
    expect(await sha512Hex(plaintext)).to.equal(await sha512Hex(plain));
    let refused = '';
    try {
      await encryptBlobForDestination({ ...jwk, key_ops: ['encrypt'] } as never, file);
    } catch (e) {
      refused = (e as Error).message;
    }
    expect(refused).to.contain('wrapKey');
  });
});
