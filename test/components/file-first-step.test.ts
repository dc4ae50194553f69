/**
 * A file question on the first step: its code is still on its way when the step first shows. The
 * question is there at once with its label and hint, and keeps the room of its drop zone free, so
 * nothing below it jumps when the code arrives. (Its own file: the code of file questions, once
 * loaded in a page, stays loaded.)
 */
import { expect } from '@open-wc/testing';
import type { OzgForm } from '../../src/index.js';
import '../../src/index.js';
import { loadFileField } from '../../src/components/fields/field-directive.js';
import { $, $$, control, until } from '../support/form.js';

const firstStep = {
  title: 'Antrag mit Nachweis auf Schritt 1',
  type: 'object',
  properties: {
    nachweis: {
      type: 'array',
      title: 'Nachweis der Berechtigung',
      description: 'Zum Beispiel der Bescheid des Jobcenters.',
      maxItems: 2,
      'x-ozg': { file: { accept: ['application/pdf', 'image/jpeg'], maxFileSize: 1048576 } },
    },
    name: { type: 'string', title: 'Name' },
    bemerkung: { type: 'string', title: 'Bemerkung' },
  },
  'x-ozg': {
    steps: [
      { id: 'nachweise', title: 'Nachweise', fields: ['nachweis', 'name'] },
      { id: 'rest', title: 'Rest', fields: ['bemerkung'] },
    ],
  },
};

interface Seen {
  waiting: number;
  inputs: number;
  label: string;
  hint: string;
  below: number;
  /** Whether the element with the question's id is the box kept for the drop zone. */
  idOnBox: boolean;
  labelFor: string | null;
}

/** One form in a box `width` px wide, and what it shows in the moment it says it is ready (the code
 * of file questions cannot have arrived by then: it is asked for in that same update). */
function formAt(width: number): { el: OzgForm; host: HTMLElement; ready: Promise<Seen> } {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  const el = document.createElement('ozg-form') as OzgForm;
  el.schema = { ...firstStep, $id: `urn:test:file-first-step:${width}` } as OzgForm['schema'];
  const ready = new Promise<Seen>((resolve) =>
    el.addEventListener(
      'ozg-ready',
      () =>
        resolve({
          waiting: $$(el, '.file-wait').length,
          inputs: $$(el, 'input[type=file]').length,
          label: $(el, '.field label').textContent!.replace(/\s+/g, ' ').trim(),
          hint: $(el, '.field .hint').textContent!.trim(),
          below: control(el, 'Name').getBoundingClientRect().top,
          idOnBox: el.shadowRoot!.getElementById('f_2fnachweis')?.classList.contains('file-wait') === true,
          labelFor: $(el, '.field label').getAttribute('for'),
        }),
      { once: true },
    ),
  );
  host.append(el);
  return { el, host, ready };
}

describe('file question on the first step', () => {
  const hosts: HTMLElement[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.remove()));

  it('shows its label and hint at once and keeps its room, so nothing jumps when its code arrives (1280 and 320 px)', async () => {
    // Both widths in one test: once the code has arrived it stays, and a later form never waits for it.
    const forms = [formAt(1280), formAt(320)];
    for (const { host } of forms) (hosts.push(host), document.body.append(host));
    const first = await Promise.all(forms.map((f) => f.ready));
    for (const seen of first) {
      expect(seen.waiting).to.equal(1);
      expect(seen.inputs).to.equal(0);
      expect(seen.label).to.equal('Nachweis der Berechtigung (optional)');
      expect(seen.hint).to.equal('Zum Beispiel der Bescheid des Jobcenters.');
      // The error summary's link and the focus find the question; its label names no missing control.
      expect(seen.idOnBox).to.equal(true);
      expect(seen.labelFor).to.equal(null);
    }

    await loadFileField();
    for (const [i, { el }] of forms.entries()) {
      await until(() => $$(el, 'input[type=file]').length === 1, 'the file input, once its code has arrived');
      await el.updateComplete;
      expect($$(el, '.file-wait')).to.have.length(0);
      // The question below moved by less than a line of text (by the whole drop zone and its rules,
      // about 140 px, before the room was kept).
      const moved = Math.abs(control(el, 'Name').getBoundingClientRect().top - first[i].below);
      expect(moved, `the question below moved by ${moved} px`).to.be.below(24);
    }
  });
});
