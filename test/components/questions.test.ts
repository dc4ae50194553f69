/**
 * The list of a step's or group's questions (src/components/fields/questions.ts): questions with one
 * answer are plain elements without Lit parts; the list adds, removes and updates them in place. What
 * a person notices: questions appear where the definition puts them, the field being typed in keeps
 * its focus and text, answers set from outside show at once, and no question is left behind.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm } from '../../src/index.js';
import { $$, control, next, renderForm, settle } from '../support/form.js';

const schema = {
  type: 'object',
  properties: {
    person: {
      type: 'object',
      title: 'Person',
      properties: {
        vorname: { type: 'string', title: 'Vorname' },
        verheiratet: { type: 'boolean', title: 'Verheiratet' },
        nachname: { type: 'string', title: 'Nachname' },
        anrede: { type: 'string', title: 'Anrede', enum: ['Frau', 'Herr', 'Divers'] },
        firma: {
          type: 'object',
          title: 'Arbeitgeber',
          properties: { name: { type: 'string', title: 'Name des Arbeitgebers' } },
        },
      },
      // Without x-ozg.order, a question a condition shows stands right after the one it looks at.
      allOf: [
        {
          if: { properties: { verheiratet: { const: true } }, required: ['verheiratet'] },
          then: { properties: { geburtsname: { type: 'string', title: 'Geburtsname' } }, required: ['geburtsname'] },
        },
      ],
    },
  },
};

/** Labels of the questions in the order they stand on the page. */
function labels(el: OzgForm): string[] {
  return $$(el, '.fields label, .fields legend').map((l) =>
    l
      .textContent!.replace(/\s+/g, ' ')
      .replace(/\(optional\)/, '')
      .trim(),
  );
}

const person = (el: OzgForm) => el.data.person as Record<string, unknown>;

describe('the questions of a group', () => {
  it('puts a question that appears where the definition has it, and the field being typed in keeps focus and text', async () => {
    const el = await renderForm(schema);
    expect(labels(el)).to.not.include('Geburtsname');
    const nachname = control(el, 'Nachname');
    nachname.focus();
    await sendKeys({ type: 'Muster' });
    // Another question becomes visible before the focused one.
    el.data = { person: { ...person(el), verheiratet: true } };
    await settle(el);
    const shown = labels(el);
    expect(shown.indexOf('Geburtsname')).to.equal(shown.indexOf('Verheiratet') + 1);
    expect(shown.indexOf('Nachname')).to.equal(shown.indexOf('Geburtsname') + 1);
    // (Elements compared as booleans: see test/support/form.ts.)
    expect(control(el, 'Nachname') === nachname).to.equal(true);
    expect(el.shadowRoot!.activeElement === nachname).to.equal(true);
    expect(nachname.value).to.equal('Muster');
    // … and leaves again without leaving anything behind.
    el.data = { person: { ...person(el), verheiratet: false } };
    await settle(el);
    expect(labels(el)).to.not.include('Geburtsname');
    expect(el.shadowRoot!.querySelectorAll('.fields [id$="geburtsname"]').length).to.equal(0);
    expect(el.shadowRoot!.activeElement === nachname).to.equal(true);
  });

  it('shows answers set from outside in every kind of question, and a nested group still renders', async () => {
    const el = await renderForm(schema);
    await settle(el);
    el.data = { person: { vorname: 'Erika', anrede: 'Frau', verheiratet: true, firma: { name: 'Muster GmbH' } } };
    await settle(el);
    expect(control(el, 'Vorname').value).to.equal('Erika');
    expect((control(el, 'Verheiratet') as HTMLInputElement).checked).to.equal(true);
    expect((control(el, 'Frau') as HTMLInputElement).checked).to.equal(true);
    expect(control(el, 'Name des Arbeitgebers').value).to.equal('Muster GmbH');
    // Typing still reaches the answers (the question listens to the store, and the store to it).
    const vorname = control(el, 'Vorname');
    vorname.focus();
    vorname.select();
    await sendKeys({ type: 'Anna' });
    await settle(el);
    expect(person(el).vorname).to.equal('Anna');
  });

  it('stops updating questions of a form that left the page', async () => {
    const el = await renderForm(schema);
    await settle(el);
    const vorname = control(el, 'Vorname');
    const wrapper = el.parentElement!;
    el.remove();
    el.data = { person: { vorname: 'Niemand' } };
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(vorname.value).to.equal('');
    wrapper.append(el);
    await settle(el);
    expect(control(el, 'Vorname').value).to.equal('Niemand');
  });

  it('says the title and hint of a group, and of a group in it, in the language chosen', async () => {
    const el = await renderForm({
      type: 'object',
      properties: {
        person: {
          type: 'object',
          title: 'Angaben zur Person',
          description: 'Wie im Ausweis.',
          'x-ozg': { i18n: { en: { title: 'About you', description: 'As in your ID card.' } } },
          properties: {
            vorname: { type: 'string', title: 'Vorname', 'x-ozg': { i18n: { en: { title: 'First name' } } } },
            firma: {
              type: 'object',
              title: 'Arbeitgeber',
              'x-ozg': { i18n: { en: { title: 'Employer' } } },
              properties: { name: { type: 'string', title: 'Name des Arbeitgebers' } },
            },
          },
        },
      },
    });
    const group = () => $$(el, 'fieldset.group')[0];
    const said = () => ({
      legends: $$(el, 'fieldset.group > legend').map((l) => l.textContent!.trim()),
      hint: el.shadowRoot!.getElementById(group().getAttribute('aria-describedby')!)?.textContent?.trim(),
    });
    expect(said()).to.deep.equal({ legends: ['Angaben zur Person', 'Arbeitgeber'], hint: 'Wie im Ausweis.' });
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(said()).to.deep.equal({ legends: ['About you', 'Employer'], hint: 'As in your ID card.' });
    expect(control(el, 'First name') instanceof HTMLInputElement).to.equal(true);
    expect($$(el, 'fieldset.group > .hint')).to.have.length(1);
  });

  it('listens to each answer once, and lets go of the questions a step or a condition no longer shows', async () => {
    // The group above, on a step of its own.
    const el = await renderForm({
      ...schema,
      properties: { ...schema.properties, bemerkung: { type: 'string', title: 'Bemerkung' } },
      'x-ozg': {
        steps: [
          { id: 'person', title: 'Person', fields: ['person'] },
          { id: 'rest', title: 'Rest', fields: ['bemerkung'] },
        ],
      },
    });
    // Each listener is a question updating itself on every change of its answer: one per question.
    const store = (el as unknown as { store: { listeners: Map<string, unknown[]> } }).store;
    const count = (channel: string) => store.listeners.get(channel)?.length ?? 0;
    const grouped = ['/person/vorname', '/person/firma/name', '/person#visible', '/person/firma#visible'];
    expect(grouped.map(count)).to.deep.equal([1, 1, 1, 1]);
    el.setAttribute('lang', 'en');
    await settle(el);
    el.setAttribute('lang', 'de');
    await settle(el);
    expect(grouped.map(count)).to.deep.equal([1, 1, 1, 1]);
    // A question a condition shows, and hides again.
    el.data = { person: { verheiratet: true } };
    await settle(el);
    expect(count('/person/geburtsname')).to.equal(1);
    el.data = { person: { verheiratet: false } };
    await settle(el);
    expect(count('/person/geburtsname')).to.equal(0);
    // The next step: the group and its questions have left the page, and nothing listens for them.
    await next(el);
    expect($$(el, '.step-title')[0].textContent).to.equal('Rest');
    expect(grouped.map(count)).to.deep.equal([0, 0, 0, 0]);
    expect(count('/bemerkung')).to.equal(1);
  });
});
