// ozg-form-audit's command line, read before the browser starts: every mistake is named at once, in the
// language chosen so far, and never after a walk of several minutes.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localeLang, parseArgs, usage, UsageError } from '../../bin/audit-args.mjs';

const refused = (args, options) => {
  try {
    parseArgs(args, options);
  } catch (error) {
    assert.ok(error instanceof UsageError, `a UsageError, not ${error}`);
    return error.message;
  }
  assert.fail(`accepted: ${args.join(' ')}`);
};

test('a URL alone: text report, no extra outputs, the locale language and progress as given', () => {
  assert.deepEqual(parseArgs(['https://musterstadt.example/hund'], { lang: 'de', progress: true }), {
    lang: 'de',
    format: 'text',
    outputs: [],
    progress: true,
    url: 'https://musterstadt.example/hund',
  });
});

test('--format, repeated --output, --progress and --lang, in both spellings', () => {
  const file = join(tmpdir(), 'bericht.json');
  const options = parseArgs(
    [
      '--lang=en',
      '--format',
      'statement',
      '--output',
      `json=${file}`,
      `--output=statement-html=${file}.html`,
      'http://127.0.0.1:8080/',
    ],
    { lang: 'de' },
  );
  assert.equal(options.lang, 'en');
  assert.equal(options.format, 'statement');
  assert.deepEqual(options.outputs, [
    ['json', file],
    ['statement-html', `${file}.html`],
  ]);
  assert.equal(options.progress, false);
  assert.equal(parseArgs(['--progress', 'http://127.0.0.1:8080/'], { lang: 'en' }).progress, true);
});

test('--help wins, in the language given before it', () => {
  assert.deepEqual(parseArgs(['--lang', 'de', '--help', 'not a url'], { lang: 'en' }), { help: true, lang: 'de' });
  assert.match(usage('de'), /^Aufruf: ozg-form-audit/);
  assert.match(usage('en'), /^Usage: ozg-form-audit/);
});

test('mistakes are refused with a message that says what is expected', () => {
  assert.match(refused(['--format', 'pdf', 'http://x.example/'], { lang: 'en' }), /--format expects text, json,/);
  assert.match(refused(['--lang', 'fr', 'http://x.example/'], { lang: 'de' }), /--lang erwartet de oder en/);
  assert.match(refused(['--output', 'json', 'http://x.example/'], { lang: 'en' }), /<format>=<file>/);
  assert.match(refused(['--output', 'xml=a.xml', 'http://x.example/'], { lang: 'en' }), /<format>=<file>/);
  assert.match(
    refused(['--output', 'json=/no/such/folder/r.json', 'http://x.example/'], { lang: 'en' }),
    /The folder of \/no\/such\/folder\/r\.json does not exist/,
  );
  assert.match(refused(['--verbose', 'http://x.example/'], { lang: 'en' }), /unknown option --verbose\n\nUsage:/);
  assert.match(refused(['http://a.example/', 'http://b.example/'], { lang: 'en' }), /exactly one URL/);
  assert.match(refused(['ftp://a.example/'], { lang: 'en' }), /not a valid URL: ftp:\/\/a\.example\//);
  assert.match(refused([], { lang: 'en' }), /^Usage:/);
});

test('a message after --lang is in that language', () => {
  assert.match(refused(['--lang', 'de', '--format', 'pdf', 'http://x.example/'], { lang: 'en' }), /erwartet/);
});

test('the language without --lang follows the locale', () => {
  assert.equal(localeLang({ LANG: 'de_DE.UTF-8' }), 'de');
  assert.equal(localeLang({ LC_ALL: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8' }), 'en');
  assert.equal(localeLang({}), 'en');
});

test("Chromium's sandbox stays on for the audit, except as root or when OZG_CHROMIUM_NO_SANDBOX=1 asks", async () => {
  const { chromiumArgs } = await import('../../bin/chromium-args.mjs');
  assert.ok(!chromiumArgs(1000, {}).includes('--no-sandbox'), 'a user: the sandbox is on');
  assert.ok(chromiumArgs(0, {}).includes('--no-sandbox'), 'root: Chromium refuses the sandbox');
  assert.ok(chromiumArgs(1000, { OZG_CHROMIUM_NO_SANDBOX: '1' }).includes('--no-sandbox'));
  assert.ok(chromiumArgs(undefined, {}).includes('--disable-gpu'));
});
