// The login's time (expiry warning and end) and the account configuration a page reads.
import { expect } from '@open-wc/testing';
import { ExpiryTimer, expiryState, isMisconfiguration, loadAccountConfig } from '../../src/modules/account/index.js';
import { FakeClock } from '../support/fake-clock.js';

describe('the login running out (expiry timer)', () => {
  const MIN = 60_000;

  it('reports the warning 5 minutes before and the end once, each at its time', () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const timer = new ExpiryTimer((s) => seen.push(s), clock);
    timer.watch(clock.now() + 20 * MIN);
    clock.advance(15 * MIN - 1);
    expect(seen).to.deep.equal([]);
    clock.advance(1);
    expect(seen).to.deep.equal(['warning']);
    clock.advance(5 * MIN);
    expect(seen).to.deep.equal(['warning', 'expired']);
    clock.advance(60 * MIN);
    expect(seen).to.deep.equal(['warning', 'expired']);
  });

  it('after a sleep past the end goes straight to "expired"; a renewed login starts afresh', () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const timer = new ExpiryTimer((s) => seen.push(s), clock);
    timer.watch(clock.now() + 20 * MIN);
    // The laptop sleeps: no timer fires in between, the clock jumps.
    clock.setTime(clock.now() + 2 * 60 * MIN);
    timer.check();
    expect(seen).to.deep.equal(['expired']);
    timer.watch(clock.now() + 60 * MIN);
    clock.advance(55 * MIN);
    expect(seen).to.deep.equal(['expired', 'warning']);
    timer.stop();
    clock.advance(10 * MIN);
    expect(seen).to.deep.equal(['expired', 'warning']);
  });

  it('states: valid, warning from 5 minutes before, expired at the end', () => {
    expect([
      expiryState(1000, 1000 - 5 * MIN - 1),
      expiryState(1000, 1000 - 5 * MIN),
      expiryState(1000, 1000),
    ]).to.deep.equal(['valid', 'warning', 'expired']);
  });
});

describe('reading the account configuration', () => {
  const URL_ = 'https://www.musterstadt.de/account/config.json';
  const PAGE = 'https://www.musterstadt.de/parken.html';
  const answer = (body: unknown, status = 200) =>
    (() => Promise.resolve(new Response(JSON.stringify(body), { status }))) as typeof fetch;

  it('takes a configuration that lists this page, and one that lists no pages', async () => {
    const listed = await loadAccountConfig(
      URL_,
      PAGE,
      answer({ issuer: 'https://idp', clientId: 'c', redirectUris: [PAGE] }),
    );
    expect(listed.ok).to.equal(true);
    expect((await loadAccountConfig(URL_, PAGE, answer({ issuer: 'https://idp', clientId: 'c' }))).ok).to.equal(true);
  });

  it('names what is wrong: not found, invalid, redirect URI missing, server error (may pass)', async () => {
    const kind = async (f: typeof fetch) => {
      const r = await loadAccountConfig(URL_, PAGE, f);
      return r.ok ? 'ok' : r.problem.kind;
    };
    expect(await kind(answer({ error: 'x' }, 404))).to.equal('not-found');
    expect(await kind(answer({ issuer: 'https://idp' }))).to.equal('invalid');
    expect(await kind(answer({ issuer: 'https://idp', clientId: 'c', redirectUris: ['https://other/'] }))).to.equal(
      'redirect-uri',
    );
    expect(await kind(answer({}, 503))).to.equal('unreachable');
    expect(isMisconfiguration({ kind: 'unreachable', url: URL_ })).to.equal(false);
    expect(isMisconfiguration({ kind: 'not-found', url: URL_, status: 404 })).to.equal(true);
  });
});
