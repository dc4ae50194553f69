import { expect } from '@open-wc/testing';
import { compactDecrypt, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import {
  buildSubmissionMetadata,
  validateSubmissionMetadata,
  encryptForDestination,
  EncryptionKeyError,
  sha512Hex,
  type DestinationJwk,
} from '../../src/modules/submission/index.js';

let publicJwk: DestinationJwk;
let privateKey: CryptoKey;

before(async function () {
  this.timeout(60_000);
  const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  privateKey = pair.privateKey;
  publicJwk = {
    ...(await exportJWK(pair.publicKey)),
    kid: 'test-kid',
    alg: 'RSA-OAEP-256',
    key_ops: ['wrapKey'],
  } as DestinationJwk;
});

describe('submission metadata', () => {
  it('builds FIT-Connect metadata with SHA-512 hashes, LeiKa URN, reply channel and date', async () => {
    const data = JSON.stringify({ vorname: 'Erika' });
    const pdf = new TextEncoder().encode('%PDF-1.4');
    const m = await buildSubmissionMetadata({
      data,
      schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
      leika: '99108004001000',
      serviceName: 'Hundesteuer',
      replyChannel: { eMail: { address: 'erika@example.org' } },
      attachments: [
        {
          attachmentId: '0b6a6e2e-3f0e-4b8e-9a53-1f1b3b9f6c11',
          bytes: pdf,
          filename: 'n.pdf',
          mimeType: 'application/pdf',
        },
      ],
      submissionDate: new Date(2025, 2, 7),
    });
    expect(m.contentStructure.data.hash).to.deep.equal({ type: 'sha512', content: await sha512Hex(data) });
    expect(m.contentStructure.data.hash.content).to.match(/^[0-9a-f]{128}$/);
    expect(m.contentStructure.data.submissionSchema.mimeType).to.equal('application/json');
    expect(m.contentStructure.attachments[0]).to.include({
      purpose: 'attachment',
      filename: 'n.pdf',
      mimeType: 'application/pdf',
    });
    expect(m.contentStructure.attachments[0]!.hash.content).to.equal(await sha512Hex(pdf));
    expect(m.serviceType.identifier).to.equal('urn:de:fim:leika:leistung:99108004001000');
    expect(m.publicServiceType.identifier).to.equal('urn:de:fim:leika:leistung:99108004001000');
    expect(m.additionalReferenceInfo.submissionDate).to.equal('2025-03-07');
    expect(validateSubmissionMetadata(m)).to.deep.equal({ valid: true, errors: [] });
  });

  it('carries the login (authenticationInformation) and the account mailbox as reply channel only when given', async () => {
    const base = {
      data: '{}',
      schemaUri: 'https://schema.fitko.de/fim/s00000096_1.0.schema.json',
      leika: '99108004001000',
    };
    const plain = await buildSubmissionMetadata(base);
    expect('authenticationInformation' in plain).to.equal(false);
    const m = await buildSubmissionMetadata({
      ...base,
      authenticationInformation: [{ type: 'identificationReport', version: '1.0.0', content: 'eyJ.eyJ.sig' }],
      replyChannel: { idBundDeMailbox: { mailboxUuid: 'c2d8e4f6-1a3b-4c5d-8e9f-7a6b5c4d3e21' } },
    });
    expect(m.authenticationInformation).to.deep.equal([
      { type: 'identificationReport', version: '1.0.0', content: 'eyJ.eyJ.sig' },
    ]);
    expect(validateSubmissionMetadata(m)).to.deep.equal({ valid: true, errors: [] });
    const broken = { ...m, authenticationInformation: [{ type: 'identificationReport' }] };
    expect(validateSubmissionMetadata(broken).valid).to.equal(false);
  });

  it('sha512Hex matches the known digest of "abc"', async () => {
    expect(await sha512Hex('abc')).to.equal(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('rejects metadata that breaks the schema', async () => {
    const m = await buildSubmissionMetadata({
      data: '{}',
      schemaUri: 'https://example.org/s.json',
      leika: '99108004001000',
    });
    const broken = structuredClone(m) as unknown as {
      contentStructure: { data: { hash: { content: string } } };
      replyChannel: unknown;
    };
    broken.contentStructure.data.hash.content = 'abc';
    broken.replyChannel = { eMail: { address: 'erika@example.org' }, deMail: { address: 'x@example.org' } };
    const r = validateSubmissionMetadata(broken);
    expect(r.valid).to.equal(false);
    expect(r.errors.join(' ')).to.contain('/contentStructure/data/hash/content');
  });

  it('refuses an invalid LeiKa key', async () => {
    let err: unknown;
    try {
      await buildSubmissionMetadata({ data: '{}', schemaUri: 'https://example.org/s.json', leika: '12345' });
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.contain('LeiKa');
  });
});

describe('encryptForDestination', () => {
  it('produces a JWE (RSA-OAEP-256, A256GCM) that the private key decrypts to the same bytes', async () => {
    const bytes = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
    const jwe = await encryptForDestination(publicJwk, bytes);
    expect(jwe.split('.')).to.have.length(5);
    expect(jwe.length).to.be.greaterThan(776);
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
    expect(protectedHeader).to.include({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'test-kid' });
    expect(Array.from(plaintext)).to.deep.equal(Array.from(bytes));
    const text = await compactDecrypt(await encryptForDestination(publicJwk, 'Grüße'), privateKey);
    expect(new TextDecoder().decode(text.plaintext)).to.equal('Grüße');
  });

  it('refuses a 2048-bit key', async function () {
    this.timeout(30_000);
    const small = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });
    const jwk = { ...(await exportJWK(small.publicKey)), key_ops: ['wrapKey'] } as DestinationJwk;
    let err: unknown;
    try {
      await encryptForDestination(jwk, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(EncryptionKeyError);
    expect(String(err)).to.contain('4096');
  });

  it('refuses a key without wrapKey and a non-RSA key', async () => {
    for (const jwk of [
      { ...publicJwk, key_ops: ['encrypt'] },
      { ...publicJwk, key_ops: undefined },
      { kty: 'EC', key_ops: ['wrapKey'] },
    ]) {
      let err: unknown;
      try {
        await encryptForDestination(jwk as DestinationJwk, 'x');
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(jwk.key_ops)).to.be.instanceOf(EncryptionKeyError);
    }
  });
});
