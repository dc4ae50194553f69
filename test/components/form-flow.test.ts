/** Steps, error summary, review, confirmation, conditions and repeatable groups of <ozg-form>. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm, OzgStepDetail, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, control, next, renderForm, settle, typeInto, until } from '../support/form.js';

const STEPS = '/test/fixtures/forms/steps.json';

async function loadSteps(lang?: string): Promise<OzgForm> {
  const definition = await (await fetch(STEPS)).json();
  return renderForm(definition, { lang });
}

function radio(el: OzgForm, label: string): HTMLInputElement {
  return control(el, label);
}

async function fillPersonStep(el: OzgForm) {
  await typeInto(el, control(el, 'Name'), 'Erika Mustermann');
  radio(el, 'mich selbst').click();
  await settle(el);
}

/** Answers the steps of steps.json (one animal) and goes on to the review page. */
async function toReview(el: OzgForm) {
  await fillPersonStep(el);
  await next(el);
  ($$(el, '.item input[type=radio]')[0] as HTMLInputElement).click();
  await settle(el);
  await next(el);
  await next(el);
}

/** Renders `definition` and records every element any of its renders put on the page. */
async function openRecording(definition: object): Promise<{ el: OzgForm; shown: string[] }> {
  const shown: string[] = [];
  const el = await renderForm(definition, {
    // Before the first render: every insertion from then on is seen.
    connected: (form) =>
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof Element) shown.push(node.className || node.localName);
      }).observe(form.shadowRoot!, { childList: true, subtree: true }),
  });
  return { el, shown };
}

describe('opening', () => {
  const plain = {
    title: 'Ohne Bedingungen',
    type: 'object',
    properties: { name: { type: 'string', title: 'Name' } },
  };

  it('shows the questions of a definition given as an object in its first render, never "loading"', async () => {
    const { el, shown } = await openRecording(plain);
    expect(shown).to.include('ozg');
    expect(shown).not.to.include('loading');
    expect(control(el, 'Name').localName).to.equal('input');
  });

  it('replaces its questions when the page gives it another definition, also one with the same names', async () => {
    const el = await renderForm({
      ...plain,
      properties: { name: { type: 'string', title: 'Name' }, ort: { type: 'string', title: 'Ort' } },
    });
    const labels = () => $$(el, '.field label, .field legend').map((l) => l.textContent!.trim());
    const kinds = () => $$(el, 'input, select').map((c) => `${c.localName}${c.getAttribute('type') ?? ''}`);
    expect(kinds()).to.deep.equal(['inputtext', 'inputtext']);

    // The same names, other kinds of question, one more: every question is new, in the new order.
    const swapped = oneEvent(el, 'ozg-ready');
    el.schema = {
      $id: `urn:test:open:other:${Math.random()}`,
      title: 'Andere Definition',
      type: 'object',
      properties: {
        name: { title: 'Name', enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
        ort: { type: 'boolean', title: 'Ort bekannt' },
        plz: { type: 'string', title: 'Postleitzahl' },
      },
    } as OzgForm['schema'];
    await swapped;
    expect(el.phase).to.equal('filling');
    expect(kinds()).to.deep.equal(['select', 'inputcheckbox', 'inputtext']);
    expect(labels()).to.deep.equal(['Name (optional)', 'Ort bekannt', 'Postleitzahl (optional)']);
    expect($(el, '.form-title').textContent).to.equal('Andere Definition');
  });

  it('shows "loading" while a definition with conditions waits for the validators', async () => {
    const definition = await (await fetch(STEPS)).json();
    const { el, shown } = await openRecording(definition);
    expect(shown.indexOf('loading')).to.be.within(0, shown.indexOf('ozg'));
    expect(control(el, 'Name').localName).to.equal('input');
  });
});

describe('steps', () => {
  it('shows "Schritt 1 von 4", validates the step on "Weiter" and moves on', async () => {
    const el = await loadSteps();
    expect($(el, '.progress-text').textContent).to.equal('Schritt 1 von 4');
    expect($(el, '[aria-current="step"]').textContent).to.contain('Person');
    await next(el);
    expect($(el, '.progress-text').textContent).to.equal('Schritt 1 von 4');
    const links = $$(el, '.error-summary a').map((a) => a.textContent);
    expect(links).to.have.length(2);
    expect(links[0]).to.contain('Name');
    expect(links[1]).to.contain('Antrag für');

    await fillPersonStep(el);
    const stepEvent = oneEvent(el, 'ozg-step');
    await next(el);
    const { detail } = (await stepEvent) as CustomEvent<OzgStepDetail>;
    expect(detail).to.include({ index: 1, id: 'tiere', title: 'Tiere', steps: 3 });
    expect($(el, '.progress-text').textContent).to.equal('Schritt 2 von 4');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.step-title'));
    expect($(el, '.step-title').textContent).to.equal('Tiere');
  });

  it('a link of the error summary moves focus to its field', async () => {
    const el = await loadSteps();
    await next(el);
    ($$(el, '.error-summary a')[1] as HTMLAnchorElement).click();
    await settle(el);
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'mich selbst'));
  });

  it('"Zurück" keeps the answers', async () => {
    const el = await loadSteps();
    await fillPersonStep(el);
    await next(el);
    $(el, 'button.secondary:not(.add):not(.remove)').click();
    await settle(el);
    expect((control(el, 'Name') as HTMLInputElement).value).to.equal('Erika Mustermann');
  });
});

describe('showStep (for host pages and the audit panel)', () => {
  it('opens a step as "Zurück" does: answers kept, no error summary, "Weiter", the heading focused', async () => {
    const el = await loadSteps();
    await toReview(el);
    expect(el.currentStep).to.equal(3); // the review page
    // From the review page's "Ändern" the step would lead back to the review; showStep leads on.
    ($$(el, '.review button.link')[1] as HTMLButtonElement).click();
    await settle(el);
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Weiter zu „Ihre Angaben prüfen“');

    const stepEvent = oneEvent(el, 'ozg-step');
    el.showStep(0);
    expect(((await stepEvent) as CustomEvent<OzgStepDetail>).detail).to.include({ index: 0, id: 'person' });
    await settle(el);
    expect([el.currentStep, $(el, '.progress-text').textContent]).to.deep.equal([0, 'Schritt 1 von 4']);
    expect((control(el, 'Name') as HTMLInputElement).value).to.equal('Erika Mustermann');
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Weiter');
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.shadowRoot!.activeElement === $(el, '.step-title')).to.equal(true);
  });

  it('removes the error summary, can leave the focus where it is, and ignores a step the form does not have', async () => {
    const el = await loadSteps();
    await next(el);
    expect($$(el, '.error-summary')).to.have.length(1);
    const outside = document.createElement('button');
    document.body.append(outside);
    try {
      outside.focus();
      el.showStep(0, { focus: false });
      await settle(el);
      await new Promise((r) => requestAnimationFrame(r));
      expect($$(el, '.error-summary')).to.have.length(0);
      expect(document.activeElement === outside).to.equal(true);
      el.showStep(7);
      el.showStep(-1);
      await settle(el);
      expect(el.currentStep).to.equal(0);
    } finally {
      outside.remove();
    }
  });
});

describe('conditions', () => {
  it('if/then shows a question and makes it required; hidden again, it is neither validated nor submitted', async () => {
    const el = await loadSteps();
    await typeInto(el, control(el, 'Name'), 'Erika Mustermann');
    expect(() => control(el, 'Name der Firma')).to.throw();
    radio(el, 'eine Firma').click();
    await settle(el);
    const firma = control(el, 'Name der Firma');
    await next(el);
    expect($$(el, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Bitte füllen Sie das Feld „Name der Firma“ aus.',
    ]);
    await typeInto(el, firma, 'Muster GmbH');
    expect(el.data.firma).to.equal('Muster GmbH');
    radio(el, 'mich selbst').click();
    await settle(el);
    expect(() => control(el, 'Name der Firma')).to.throw();
    expect(el.data).to.not.have.property('firma');
    await next(el);
    expect($(el, '.step-title').textContent).to.equal('Tiere');
  });

  it('conditions inside a repeatable group apply to each entry on its own', async () => {
    const el = await loadSteps();
    await fillPersonStep(el);
    await next(el);
    expect(() => control(el, 'Datum der Wesensprüfung')).to.throw();
    control(el, 'Gefährlich').click();
    await settle(el);
    expect(control(el, 'Datum der Wesensprüfung')).to.exist;
    await next(el);
    const problems = $$(el, '.error-summary a').map((a) => a.textContent);
    // Each named with its entry (the summary's links would otherwise read alike for every entry).
    expect(problems).to.include('Tier 1: Bitte geben Sie bei „Datum der Wesensprüfung“ ein Datum ein.');
    expect(problems).to.include('Tier 1: Bitte wählen Sie bei „Art“ eine Antwort aus.');
  });

  it('allOf + if, dependentSchemas and dependentRequired', async () => {
    const el = await renderForm(await (await fetch(STEPS)).json(), {
      data: { name: 'Erika', typ: 'person', tiere: [{ art: 'hund' }] },
    });
    await next(el);
    await next(el);
    expect($(el, '.step-title').textContent).to.equal('Zahlung');
    expect(() => control(el, 'IBAN')).to.throw();
    control(el, 'Per Lastschrift zahlen').click();
    await settle(el);
    const iban = control(el, 'IBAN');
    expect(() => control(el, 'BIC')).to.throw();
    expect(() => control(el, 'Kontoinhaber')).to.not.throw();
    expect(el.shadowRoot!.querySelector(`label[for="${control(el, 'Kontoinhaber').id}"] .optional`)).to.exist;
    await typeInto(el, iban, 'DE89 3704 0044 0532 0130 00');
    expect(control(el, 'BIC')).to.exist;
    expect(el.shadowRoot!.querySelector(`label[for="${control(el, 'Kontoinhaber').id}"] .optional`) === null).to.equal(
      true,
    );
    await next(el);
    expect($$(el, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Bitte füllen Sie das Feld „Kontoinhaber“ aus.',
    ]);
  });
});

describe('repeatable groups', () => {
  it('adds and removes entries within minItems and maxItems, keeping answers of the others', async () => {
    const el = await loadSteps();
    await fillPersonStep(el);
    await next(el);
    expect($$(el, '.item > legend').map((l) => l.textContent)).to.deep.equal(['Tier 1']);
    expect(el.shadowRoot!.querySelector('button.remove') === null).to.equal(true);
    $(el, 'button.add').click();
    await settle(el);
    expect($$(el, '.item > legend').map((l) => l.textContent)).to.deep.equal(['Tier 1', 'Tier 2']);
    expect(el.shadowRoot!.querySelector('button.add') === null).to.equal(true);
    expect($(el, '.repeat .note').textContent).to.contain('höchstens 2');
    expect($(el, '[role=status]').textContent).to.contain('Tier 2 hinzugefügt');
    // Focus moved into the new entry.
    expect(el.shadowRoot!.activeElement!.closest('.item')!.querySelector('legend')!.textContent).to.equal('Tier 2');

    const radios = $$(el, '.item input[type=radio]') as HTMLInputElement[];
    radios[1].click(); // Tier 1: Katze
    radios[2].click(); // Tier 2: Hund
    await settle(el);
    expect(el.data.tiere).to.deep.equal([{ art: 'katze' }, { art: 'hund' }]);

    ($$(el, 'button.remove')[0] as HTMLButtonElement).click();
    await settle(el);
    expect(el.data.tiere).to.deep.equal([{ art: 'hund' }]);
    expect($$(el, '.item > legend').map((l) => l.textContent)).to.deep.equal(['Tier 1']);
    expect(($$(el, '.item input[type=radio]')[0] as HTMLInputElement).checked).to.equal(true);
    expect($(el, 'button.add').textContent!.trim()).to.equal('Weiteres Tier hinzufügen');
  });
});

describe('removing an entry', () => {
  it('moves focus to the neighbouring entry, and to the add button when none is left', async () => {
    const schema = {
      type: 'object',
      properties: {
        kinder: {
          type: 'array',
          title: 'Kinder',
          maxItems: 5,
          'x-ozg': { itemTitle: 'Kind' },
          items: { type: 'object', properties: { name: { type: 'string', title: 'Vorname' } } },
        },
      },
    };
    const el = await renderForm(schema, { data: { kinder: [{ name: 'Anna' }, { name: 'Ben' }, { name: 'Cem' }] } });
    const focusedEntry = () => el.shadowRoot!.activeElement?.closest('.item')?.querySelector('legend')?.textContent;
    const removeButton = (name: string) =>
      $$(el, 'button.remove').find((b) => b.textContent!.trim() === `${name} entfernen`) as HTMLButtonElement;

    removeButton('Kind 3').click(); // the last: its neighbour before it
    await until(() => focusedEntry() === 'Kind 2', 'focus in Kind 2');
    expect((el.shadowRoot!.activeElement as HTMLInputElement).value).to.equal('Ben');

    removeButton('Kind 1').click(); // the first: the entry that moved up into its place
    await until(() => focusedEntry() === 'Kind 1', 'focus in the new Kind 1');
    expect((el.shadowRoot!.activeElement as HTMLInputElement).value).to.equal('Ben');

    removeButton('Kind 1').click(); // none left: the add button
    await until(() => el.shadowRoot!.activeElement?.matches('button.add'), 'focus on the add button');
    expect(el.data.kinder ?? []).to.deep.equal([]);
  });
});

describe('a list at its limit', () => {
  it("says so in the form's own words for maxItems where it has them, else generically", async () => {
    const list = (errors?: object) => ({
      type: 'object',
      properties: {
        hunde: {
          type: 'array',
          title: 'Hunde',
          maxItems: 1,
          'x-ozg': { itemTitle: 'Hund', ...(errors ? { errors } : {}) },
          items: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } },
        },
      },
    });
    const own = await renderForm(list({ maxItems: 'Bitte melden Sie höchstens einen Hund an.' }), {
      data: { hunde: [{ name: 'Bello' }] },
    });
    expect($(own, '.repeat .note').textContent!.trim()).to.equal('Bitte melden Sie höchstens einen Hund an.');
    const plain = await renderForm(list(), { data: { hunde: [{ name: 'Bello' }] } });
    expect($(plain, '.repeat .note').textContent!.trim()).to.equal('Sie können höchstens einen Eintrag angeben.');
  });
});

describe('the live region', () => {
  it('does not keep what it said for the step before, nor in the language before', async () => {
    const el = await loadSteps();
    await fillPersonStep(el);
    await next(el);
    $(el, 'button.add').click();
    await until(() => $(el, '[role=status]').textContent!.includes('Tier 2 hinzugefügt'), 'announced');
    el.setAttribute('lang', 'en');
    await settle(el);
    expect($(el, '[role=status]').textContent!.trim()).to.equal('');
    el.setAttribute('lang', 'de');
    await settle(el);
    $(el, 'button.remove').click();
    await until(() => $(el, '[role=status]').textContent!.includes('entfernt'), 'announced again');
    const title = $(el, '.step-title').textContent;
    $$(el, 'button')
      .find((b) => b.textContent!.trim() === 'Zurück')!
      .click();
    await settle(el);
    expect($(el, '.step-title').textContent).to.not.equal(title);
    expect($(el, '[role=status]').textContent!.trim()).to.equal('');
  });
});

describe('the error summary of a list of groups', () => {
  const schema = {
    type: 'object',
    properties: {
      hunde: {
        type: 'array',
        title: 'Hunde',
        minItems: 1,
        maxItems: 5,
        'x-ozg': { itemTitle: 'Hund' },
        items: {
          type: 'object',
          required: ['name', 'rasse'],
          properties: {
            name: { type: 'string', title: 'Name' },
            rasse: { type: 'string', title: 'Rasse' },
          },
        },
      },
    },
    required: ['hunde'],
  };
  const links = (el: OzgForm) => $$(el, '.error-summary a').map((a) => [a.textContent!.trim(), a.getAttribute('href')]);

  it('names the entry of each error, and after a removal lists only what is still wrong, where it now is', async () => {
    const el = await renderForm(schema, { data: { hunde: [{ name: 'Bello' }, {}] } });
    await next(el);
    expect(links(el)).to.deep.equal([
      ['Hund 1: Bitte füllen Sie das Feld „Rasse“ aus.', '#f_2fhunde_2f0_2frasse'],
      ['Hund 2: Bitte füllen Sie das Feld „Name“ aus.', '#f_2fhunde_2f1_2fname'],
      ['Hund 2: Bitte füllen Sie das Feld „Rasse“ aus.', '#f_2fhunde_2f1_2frasse'],
    ]);

    // Hund 1 goes: Hund 2 moves up into its place, and so do its errors, in the summary and at its fields.
    ($$(el, 'button.remove').find((b) => b.textContent!.trim() === 'Hund 1 entfernen') as HTMLButtonElement).click();
    await until(() => links(el).length === 2, 'the summary found again');
    expect(links(el)).to.deep.equal([
      ['Hund 1: Bitte füllen Sie das Feld „Name“ aus.', '#f_2fhunde_2f0_2fname'],
      ['Hund 1: Bitte füllen Sie das Feld „Rasse“ aus.', '#f_2fhunde_2f0_2frasse'],
    ]);
    for (const [, href] of links(el)) expect(el.shadowRoot!.querySelector(href!), `${href} exists`).to.not.equal(null);
    expect(control(el, 'Name').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.closest('.item')?.querySelector('legend')?.textContent).to.equal('Hund 1');

    // In English the message is English; the entry keeps its name (the definition has no English itemTitle).
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(links(el)[0]![0]).to.match(/^Hund 1: /);
    expect(links(el)[0]![0]).to.not.contain('Bitte');
  });

  it('without a summary shown, a removal shows no errors', async () => {
    const el = await renderForm(schema, { data: { hunde: [{ name: 'Bello' }, {}] } });
    ($$(el, 'button.remove').find((b) => b.textContent!.trim() === 'Hund 1 entfernen') as HTMLButtonElement).click();
    await settle(el);
    expect($$(el, '.error-summary')).to.have.length(0);
    expect(control(el, 'Name').getAttribute('aria-invalid')).to.not.equal('true');
  });
});

describe('review and confirmation', () => {
  it('shows every answer, changes a step through its link and returns, and fires ozg-submit with the data', async () => {
    const el = await loadSteps();
    await toReview(el);
    expect($(el, '.step-title').textContent).to.equal('Ihre Angaben prüfen');
    expect($(el, '.progress-text').textContent).to.equal('Schritt 4 von 4');
    const review = $(el, '.review');
    // One heading per step, and no landmark per step (a <section> with a name is a region).
    expect($$(el, '.review-section h4').map((h) => h.textContent)).to.have.length(3);
    expect($$(el, '.review section, .review [role=region]')).to.have.length(0);
    expect(review.textContent).to.contain('Erika Mustermann');
    expect(review.textContent).to.contain('mich selbst');
    expect(review.textContent).to.contain('Tier 1');
    expect(review.textContent).to.contain('Hund');
    await expect(el).to.be.accessible();

    const change = $$(el, '.review button.link')[0];
    expect(change.getAttribute('aria-label')).to.equal('Ändern: Person');
    change.click();
    await settle(el);
    const name = control(el, 'Name');
    name.focus();
    (name as HTMLInputElement).select();
    await sendKeys({ type: 'Max Mustermann' });
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Weiter zu „Ihre Angaben prüfen“');
    await next(el);
    expect($(el, '.review').textContent).to.contain('Max Mustermann');

    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    expect(detail.data).to.deep.equal({ name: 'Max Mustermann', typ: 'person', tiere: [{ art: 'hund' }] });
    await settle(el);
    expect($(el, '.confirmation').textContent).to.contain('bestätigt');
  });
});

describe("the review page's button", () => {
  const definition = (fees?: object) => ({
    title: 'Antrag',
    type: 'object',
    'x-ozg': { leika: '99123456012345', ...(fees ? { fees } : {}) },
    properties: { name: { type: 'string', title: 'Name' } },
  });
  const fee = (policy: string) => ({ policy, items: [{ id: 'a', description: 'Verwaltungsgebühr', amount: 2500 }] });

  /** The form on its review page, with `gateway` set or not; the label once the fee code is there. */
  async function reviewPage(def: object, gateway: boolean, lang?: string): Promise<OzgForm> {
    const el = await renderForm(def, { lang });
    if (gateway) el.setAttribute('gateway', '/stub-gateway/v1');
    await next(el);
    expect($(el, '.step-title').textContent).to.equal(lang === 'en' ? 'Check your answers' : 'Ihre Angaben prüfen');
    if ('fees' in (def as { 'x-ozg': object })['x-ozg'])
      await until(() => el.shadowRoot!.querySelector('.fees-summary'), 'the fee table');
    await settle(el);
    return el;
  }
  const label = (el: OzgForm) => $(el, 'button.primary').textContent!.trim();

  it('says where it leads: sending, the payment step, or (without a gateway) confirming', async () => {
    expect(label(await reviewPage(definition(), false))).to.equal('Angaben bestätigen');
    const sending = await reviewPage(definition(), true);
    expect(label(sending)).to.equal('Antrag absenden');
    expect($(sending, '.step-title + p').textContent).to.equal(
      'Bitte prüfen Sie Ihre Angaben, bevor Sie Ihren Antrag absenden.',
    );
    const paying = await reviewPage(definition(fee('before-submission')), true);
    expect(label(paying)).to.equal('Weiter zur Bezahlung');
    expect($(paying, '.fees-summary').textContent).to.contain('Im nächsten Schritt bezahlen Sie die Gebühr online.');
    expect(label(await reviewPage(definition(fee('optional')), true))).to.equal('Weiter zur Bezahlung');
    // A fee invoiced with the decision is not paid here: the button sends.
    expect(label(await reviewPage(definition(fee('deferred')), true))).to.equal('Antrag absenden');
    // Without a gateway nothing is paid in the form, fee or not.
    expect(label(await reviewPage(definition(fee('before-submission')), false))).to.equal('Angaben bestätigen');
  });

  it('in English, and the label follows a change of language', async () => {
    const paying = await reviewPage(definition(fee('before-submission')), true, 'en');
    expect(label(paying)).to.equal('Continue to payment');
    paying.setAttribute('lang', 'de');
    await settle(paying);
    expect(label(paying)).to.equal('Weiter zur Bezahlung');
    expect(label(await reviewPage(definition(), true, 'en'))).to.equal('Send application');
    expect(label(await reviewPage(definition(), false, 'en'))).to.equal('Confirm answers');
  });
});

describe('English', () => {
  it('shows the texts of the definition and of the interface in English', async () => {
    const el = await loadSteps('en');
    expect($(el, '.form-title').textContent).to.equal('Test application');
    expect($(el, '.progress-text').textContent).to.equal('Step 1 of 4');
    expect(control(el, 'myself')).to.exist;
    await next(el);
    expect($(el, '.error-summary h3').textContent).to.equal('There is a problem');
    expect($$(el, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Enter an answer for “Name”.',
      'Select an answer for “Application for”.',
    ]);
    expect($(el, '.error-message').textContent).to.match(/^Error:/);
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Continue');
  });

  it('follows a change of the lang attribute', async () => {
    const el = await loadSteps('de');
    el.setAttribute('lang', 'en');
    await settle(el);
    expect($(el, '.form-title').textContent).to.equal('Test application');
    expect(control(el, 'myself')).to.exist;
    expect($(el, 'legend').textContent).to.contain('Application for');
  });

  it('words the errors on display in the new language at once when lang changes', async () => {
    const el = await loadSteps('de');
    await next(el);
    expect($$(el, '.error-summary a')[0].textContent).to.contain('Name');
    const germanInline = $(el, '.error-message').textContent;
    el.setAttribute('lang', 'en');
    await settle(el);
    expect($$(el, '.error-summary a').map((a) => a.textContent)).to.deep.equal([
      'Enter an answer for “Name”.',
      'Select an answer for “Application for”.',
    ]);
    expect($(el, '.error-message').textContent)
      .to.match(/^Error:/)
      .and.not.equal(germanInline);
  });

  it('takes the language of the page when it has none', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'en-GB';
    document.body.appendChild(wrapper);
    const el = document.createElement('ozg-form') as OzgForm;
    const ready = oneEvent(el, 'ozg-ready');
    el.schema = { type: 'object', title: 'T', properties: { a: { type: 'string', title: 'A' } } };
    wrapper.appendChild(el);
    await ready;
    await settle(el);
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Continue');
    wrapper.remove();
  });
});
