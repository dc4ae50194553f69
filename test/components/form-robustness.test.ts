/** Drafts, broken definitions, hostile texts and double registration. */
import { expect, oneEvent } from '@open-wc/testing';
import { defineElement } from '../../src/components/define.js';
import type { OzgErrorDetail, OzgForm } from '../../src/index.js';
import { $, $$, control, next, renderForm, settle, typeInto, until } from '../support/form.js';

const FIXTURES = '/test/fixtures/forms';

function simple(id: string) {
  return {
    $id: id,
    title: 'Entwurfstest',
    type: 'object',
    'x-ozg': {
      steps: [
        { id: 'a', title: 'Eins', fields: ['name'] },
        { id: 'b', title: 'Zwei', fields: ['ort'] },
      ],
    },
    required: ['name'],
    properties: { name: { type: 'string', title: 'Name' }, ort: { type: 'string', title: 'Ort' } },
  };
}

describe('drafts', () => {
  it('restores answers and step in a new element for the same form, and discards them on request', async () => {
    const id = `urn:test:draft:${Date.now()}`;
    const first = await renderForm(simple(id), { isolate: false });
    await typeInto(first, control(first, 'Name'), 'Erika');
    await next(first);
    expect($(first, '.step-title').textContent).to.equal('Zwei');
    await typeInto(first, control(first, 'Ort'), 'Musterstadt');
    first.parentElement!.remove(); // leaving the page writes the draft at once

    const second = await renderForm(simple(id), { isolate: false });
    expect($(second, '.step-title').textContent).to.equal('Zwei');
    expect($(second, '.notice').textContent).to.contain('wiederhergestellt');
    expect((control(second, 'Ort') as HTMLInputElement).value).to.equal('Musterstadt');
    expect(second.data).to.deep.equal({ name: 'Erika', ort: 'Musterstadt' });
    await expect(second).to.be.accessible();

    ($(second, '.notice button') as HTMLButtonElement).click();
    await settle(second);
    // It asks first (WCAG 3.3.4); the answers are still there.
    expect($(second, '.notice').textContent).to.contain('nicht rückgängig');
    expect((control(second, 'Ort') as HTMLInputElement).value).to.equal('Musterstadt');
    ($(second, '.notice button.primary') as HTMLButtonElement).click();
    await settle(second);
    expect(second.shadowRoot!.querySelector('.notice') === null).to.equal(true);
    expect($(second, '.step-title').textContent).to.equal('Eins');
    expect((control(second, 'Name') as HTMLInputElement).value).to.equal('');
    expect($(second, '[role=status]').textContent).to.contain('gelöscht');
    second.parentElement!.remove();

    const third = await renderForm(simple(id), { isolate: false });
    expect(third.shadowRoot!.querySelector('.notice') === null).to.equal(true);
    expect(third.data).to.deep.equal({});
  });

  it('discarded on the way back to the review page ("Ändern"), starts again with "Weiter", not "Weiter zu „Ihre Angaben prüfen“"', async () => {
    const id = `urn:test:draft-review:${Date.now()}`;
    const first = await renderForm(simple(id), { isolate: false });
    await typeInto(first, control(first, 'Name'), 'Erika');
    await next(first);
    await next(first);
    expect($(first, '.step-title').textContent).to.equal('Ihre Angaben prüfen');
    first.parentElement!.remove();

    const second = await renderForm(simple(id), { isolate: false });
    expect($(second, '.step-title').textContent).to.equal('Ihre Angaben prüfen');
    $$(second, '.review button.link')[0].click(); // "Ändern: Eins"
    await settle(second);
    expect($(second, 'button.primary').textContent!.trim()).to.equal('Weiter zu „Ihre Angaben prüfen“');
    ($(second, '.notice button') as HTMLButtonElement).click();
    await settle(second);
    ($(second, '.notice button.primary') as HTMLButtonElement).click();
    await settle(second);
    expect($(second, '.step-title').textContent).to.equal('Eins');
    expect($(second, 'button.primary').textContent!.trim()).to.equal('Weiter');
    await typeInto(second, control(second, 'Name'), 'Max');
    await next(second);
    // On to step 2, not back to a review page of a half-empty form.
    expect($(second, '.step-title').textContent).to.equal('Zwei');
  });

  it('a draft of the untouched form (written on the way to a login) restores nothing and claims no answers', async () => {
    const id = `urn:test:draft-untouched:${Date.now()}`;
    const definition = {
      $id: id,
      title: 'Sondernutzung',
      type: 'object',
      properties: {
        antragsteller: {
          type: 'object',
          title: 'Antragsteller',
          properties: { name: { type: 'string', title: 'Name' } },
        },
        objekte: {
          type: 'array',
          title: 'Objekte',
          minItems: 1,
          items: { type: 'object', properties: { art: { type: 'string', title: 'Art' } } },
        },
        kopien: { type: 'integer', title: 'Kopien', default: 1 },
      },
    };
    // What the form holds before anyone answers (empty groups, one empty entry, a default), keys in
    // another order, as the form writes it before it leaves for the login page.
    const untouched = { kopien: 1, objekte: [{}], antragsteller: {} };
    const draft = (data: object) =>
      localStorage.setItem(
        `ozg-form:draft:${id}`,
        JSON.stringify({ v: 1, savedAt: new Date().toISOString(), data, step: 0, applicationId: 'app-untouched' }),
      );
    draft(untouched);
    const back = await renderForm(definition, { isolate: false });
    expect(back.shadowRoot!.querySelector('[part~="draft-notice"]') === null, 'no "wiederhergestellt"').to.equal(true);
    back.parentElement!.remove();

    // One answer given: it comes back, and the notice says so.
    draft({ ...untouched, antragsteller: { name: 'Erika' } });
    const typed = await renderForm(definition, { isolate: false });
    expect($(typed, '[part~="draft-notice"]').textContent).to.contain('wiederhergestellt');
    expect((control(typed, 'Name') as HTMLInputElement).value).to.equal('Erika');
    typed.parentElement!.remove();
  });

  it('keeps the draft after some typing without leaving the page (debounced save)', async () => {
    const id = `urn:test:draft-debounce:${Date.now()}`;
    const el = await renderForm(simple(id), { isolate: false });
    await typeInto(el, control(el, 'Name'), 'Max');
    const stored = await until(
      () => JSON.parse(localStorage.getItem(`ozg-form:draft:${id}`) ?? 'null'),
      'the debounced draft',
    );
    expect(stored.data).to.deep.equal({ name: 'Max' });
  });
});

describe('data property', () => {
  it('setting answers after the form is shown updates the questions on display', async () => {
    const el = await renderForm(simple(`urn:test:data:${Date.now()}`));
    el.data = { name: 'Neu' };
    await settle(el);
    expect((control(el, 'Name') as HTMLInputElement).value).to.equal('Neu');
    expect(el.data).to.deep.equal({ name: 'Neu' });
  });

  it('answers set while the definition is still loading are shown once it has arrived', async () => {
    // The definition's answer is held back until the page has set `data` (as a CMS script may do
    // right after creating the element).
    const realFetch = window.fetch;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/held.json')) {
        asked = true;
        await held;
        return new Response(JSON.stringify(simple(`urn:test:held:${Date.now()}`)), {
          headers: { 'content-type': 'application/json' },
        });
      }
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const el = document.createElement('ozg-form') as OzgForm;
      el.setAttribute('src', '/held.json');
      document.body.append(el);
      await until(() => asked, 'the definition was asked for');
      el.data = { name: 'Erika' };
      release();
      await oneEvent(el, 'ozg-ready');
      await settle(el);
      expect((control(el, 'Name') as HTMLInputElement).value).to.equal('Erika');
      expect(el.data).to.deep.equal({ name: 'Erika' });
      el.remove();
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('answers that no longer fit their question', () => {
  /** Uncaught errors of the page while `work` runs (a render that throws inside Lit surfaces here). */
  async function pageErrors(work: () => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    const onError = (event: ErrorEvent) => seen.push(event.message);
    const onRejection = (event: PromiseRejectionEvent) => seen.push(String(event.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      await work();
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    return seen;
  }

  it('a draft of an older version (one choice, now several; a text, now a repeatable group) opens the form', async () => {
    const id = `urn:test:stale-draft:${Date.now()}`;
    const v1 = {
      $id: id,
      title: 'Antrag',
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name' },
        tier: { type: 'string', title: 'Tierart', enum: ['hund', 'katze'] },
        kinder: { type: 'string', title: 'Kinder' },
      },
    };
    const v2 = {
      ...v1,
      properties: {
        name: v1.properties.name,
        tier: { type: 'array', title: 'Tierarten', uniqueItems: true, items: { enum: ['hund', 'katze'] } },
        kinder: {
          type: 'array',
          title: 'Kinder',
          items: { type: 'object', properties: { n: { type: 'string', title: 'Name des Kindes' } } },
        },
      },
    };
    const first = await renderForm(v1, { isolate: false });
    await typeInto(first, control(first, 'Name'), 'Erika');
    control(first, 'hund').click();
    await typeInto(first, control(first, 'Kinder'), 'Max');
    first.parentElement!.remove(); // leaving the page writes the draft
    expect(JSON.parse(localStorage.getItem(`ozg-form:draft:${id}`)!).data).to.deep.equal({
      name: 'Erika',
      tier: 'hund',
      kinder: 'Max',
    });

    let second!: OzgForm;
    const errors = await pageErrors(async () => {
      second = await renderForm(v2, { isolate: false });
    });
    expect(errors).to.deep.equal([]);
    expect(second.shadowRoot!.querySelector('form') === null, 'the form is shown').to.equal(false);
    expect(second.data).to.deep.equal({ name: 'Erika', kinder: [] }); // a repeatable group without entries
    expect((control(second, 'Name') as HTMLInputElement).value).to.equal('Erika');
    expect((control(second, 'hund') as HTMLInputElement).checked).to.equal(false);
    await expect(second).to.be.accessible();
  });

  it('answers given as `data` of the wrong JSON type are left out, for every kind of question', async () => {
    const definition = {
      title: 'Alle Arten',
      type: 'object',
      properties: {
        text: { type: 'string', title: 'Text' },
        datum: { type: 'string', format: 'date', title: 'Datum' },
        zahl: { type: 'number', title: 'Zahl' },
        ganz: { type: 'integer', title: 'Ganz' },
        ja: { type: 'boolean', title: 'Ja' },
        wahl: { type: 'string', title: 'Wahl', enum: ['a', 'b'] },
        nummer: { type: 'integer', title: 'Nummer', enum: [1, 2] },
        mehr: { type: 'array', title: 'Mehr', uniqueItems: true, items: { enum: ['a', 'b'] } },
        gruppe: { type: 'object', title: 'Gruppe', properties: { ort: { type: 'string', title: 'Ort' } } },
        liste: {
          type: 'array',
          title: 'Liste',
          items: { type: 'object', properties: { name: { type: 'string', title: 'Eintrag' } } },
        },
        vornamen: { type: 'array', title: 'Vornamen', items: { type: 'string', title: 'Vorname' } },
        hinweis: { type: 'null', title: 'Hinweis' },
        bleibt: { type: 'string', title: 'Bleibt' },
      },
    };
    const wrong = {
      text: { a: 1 },
      datum: 20240101,
      zahl: '12',
      ganz: true,
      ja: 'ja',
      wahl: ['a'],
      nummer: '1',
      mehr: 'a',
      gruppe: 'x',
      liste: 'x',
      vornamen: { 0: 'Anna' },
      hinweis: 'x',
      bleibt: 'Text',
    };
    // Within lists and groups: the entries and answers of the wrong type go, the others stay.
    const mixed = {
      zahl: 12.5,
      ja: false,
      mehr: ['a', ['b'], 7],
      gruppe: { ort: 5 },
      liste: ['x', { name: 'Eins' }, 5, { name: ['Zwei'] }],
      vornamen: ['Anna', 7, { x: 1 }, 'Berta'],
    };
    for (const data of [wrong, mixed]) {
      let el!: OzgForm;
      const errors = await pageErrors(async () => {
        el = await renderForm(definition);
        el.data = data;
        await settle(el);
      });
      expect(errors, JSON.stringify(data)).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('form') === null, 'the form is shown').to.equal(false);
      // Given before the definition arrived, too.
      const early = await renderForm(definition, { data });
      expect(early.data).to.deep.equal(el.data);
      if (data === wrong) {
        expect(el.data).to.deep.equal({ liste: [], vornamen: [], bleibt: 'Text' }); // lists without entries
        expect((control(el, 'Text') as HTMLInputElement).value).to.equal('');
        expect((control(el, 'Zahl') as HTMLInputElement).value).to.equal('');
        expect((control(el, 'Ort') as HTMLInputElement).value).to.equal('');
      } else {
        expect(el.data).to.deep.equal({
          zahl: 12.5,
          ja: false,
          mehr: ['a'],
          liste: [{ name: 'Eins' }, {}],
          vornamen: ['Anna', 'Berta'],
        });
      }
    }
  });
});

describe('broken definitions', () => {
  async function failing(src: string): Promise<{ el: OzgForm; detail: OzgErrorDetail }> {
    const el = document.createElement('ozg-form') as OzgForm;
    const event = oneEvent(el, 'ozg-error');
    el.src = src;
    document.body.appendChild(el);
    const { detail } = (await event) as CustomEvent<OzgErrorDetail>;
    await el.updateComplete;
    return { el, detail };
  }

  it("404: says which file could not be loaded, in the editors' box and once in the console", async () => {
    const logged: string[] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const { el, detail } = await failing(`${FIXTURES}/does-not-exist.json`);
      expect(detail.message).to.contain('HTTP 404');
      const box = $(el, '[role=alert]');
      expect(box.textContent).to.contain('Das Formular kann nicht angezeigt werden.');
      // A missing file does not come back by waiting: the person is also given the phone, …
      expect(box.textContent).to.contain('wenden Sie sich telefonisch an die zuständige Stelle');
      // … and the editor the address, in the box for editors.
      const note = $(el, '.editor-note').textContent!.replace(/\s+/g, ' ');
      expect(note).to.contain('Für die Redaktion:');
      expect(note).to.contain(
        `Unter ${location.origin}${FIXTURES}/does-not-exist.json liegt keine Formulardefinition (HTTP 404).`,
      );
      expect(note).to.contain('Prüfen Sie die Adresse im Attribut src');
      expect(logged.filter((m) => m.startsWith('ozg-form:') && m.includes('does-not-exist.json'))).to.have.length(1);
      expect(logged.find((m) => m.startsWith('ozg-form:'))).to.contain(
        'There is no form definition at ' +
          `${location.origin}${FIXTURES}/does-not-exist.json (HTTP 404). Check the address in the src attribute`,
      );
      await expect(el).to.be.accessible();
      el.remove();
    } finally {
      console.error = realError;
    }
  });

  it('bad JSON: says that and where', async () => {
    const { el, detail } = await failing(`${FIXTURES}/bad-json.json`);
    expect(detail.message).to.contain('kein gültiges JSON');
    expect($(el, '[role=alert]').textContent).to.contain('bad-json.json');
    el.remove();
  });

  it('invalid definition: lists each problem with its JSON Pointer', async () => {
    const { el, detail } = await failing(`${FIXTURES}/invalid-schema.json`);
    expect(detail.problems.map((p) => p.pointer)).to.include.members([
      '/properties/name/x-ozg/widget',
      '/x-ozg/steps/0/fields/1',
    ]);
    const items = $$(el, '[role=alert] li').map((li) => li.textContent);
    expect(items.some((t) => t!.includes('/properties/name/x-ozg/widget') && t!.includes('textfeld'))).to.equal(true);
    expect(items.some((t) => t!.includes('gibtsnicht'))).to.equal(true);
    el.remove();
  });

  it('no definition at all, or a definition that is not an object', async () => {
    const el = await renderForm([] as unknown as object, { isolate: false });
    expect($(el, '[role=alert]').textContent).to.contain('fehlerhaft');
  });
});

describe('texts are text', () => {
  it('a title that is no string (a mistake the checker names) reads as missing, never "[object Object]"', async () => {
    const el = await renderForm({
      title: { de: 'Antrag' },
      type: 'object',
      properties: {
        vorname: { type: 'string', title: { de: 'Vorname', en: 'First name' }, description: ['Hinweis'] },
      },
    });
    expect(el.shadowRoot!.textContent).not.to.contain('[object Object]');
    expect(el.shadowRoot!.textContent).not.to.contain('Hinweis');
    // No empty heading in its place (axe: empty-heading).
    expect(el.shadowRoot!.querySelector('.form-title') === null, 'no .form-title').to.equal(true);
    await expect(el).to.be.accessible();
    // The label falls back to the property name, as for a question without title.
    expect(control(el, 'vorname').localName).to.equal('input');
  });

  it('renders markup from a definition as text, never as HTML', async () => {
    const attack = '<img src=x onerror="window.__ozgXss=1">';
    const el = await renderForm({
      title: `Titel ${attack}`,
      description: attack,
      type: 'object',
      required: ['a'],
      properties: {
        a: {
          type: 'string',
          title: `Frage ${attack}`,
          description: attack,
          'x-ozg': { help: attack, placeholder: attack },
        },
        b: { type: 'string', title: 'Wahl', enum: ['x', 'y'], 'x-ozg': { enumLabels: { x: attack, y: 'ok' } } },
      },
    });
    await next(el);
    // An injected <img onerror> would have fired by the time the error summary is painted.
    await until(() => el.shadowRoot!.querySelector('.error-summary a'), 'the error summary');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.shadowRoot!.querySelector('img') === null).to.equal(true);
    expect((window as unknown as { __ozgXss?: number }).__ozgXss).to.equal(undefined);
    expect($(el, '.form-title').textContent).to.equal(`Titel ${attack}`);
    expect($(el, 'label').textContent).to.contain(attack);
    expect($(el, '.error-summary a').textContent).to.contain(attack);
  });
});

describe('registration', () => {
  it('registering a second copy does not throw and warns about a different version', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      class Other extends HTMLElement {}
      const registered = customElements.get('ozg-form') as unknown as { ozgVersion: string };
      // The same version again: silent.
      expect(() => defineElement('ozg-form', Other, registered.ozgVersion)).to.not.throw();
      // Another version: a warning naming both, and the first registration stays.
      expect(() => defineElement('ozg-form', Other, '0.0.1')).to.not.throw();
      expect(customElements.get('ozg-form')).to.not.equal(Other);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('already defined');
    expect(String(warnings[0])).to.contain('0.0.1');
  });
});
