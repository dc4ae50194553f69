/**
 * A file question on a later step is there as soon as its step opens: the form fetched its code when
 * it opened. (Its own file: the code of file questions, once loaded in a page, stays loaded, so the
 * other file tests would hide a form that fetches it late.)
 */
import { expect } from '@open-wc/testing';
import type { OzgForm } from '../../src/index.js';
import { loadFileField } from '../../src/components/fields/field-directive.js';
import { $, $$, renderForm, until } from '../support/form.js';

const twoSteps = {
  title: 'Antrag mit Nachweis auf Schritt 2',
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name' },
    nachweis: {
      type: 'array',
      title: 'Nachweis',
      'x-ozg': { file: { accept: ['application/pdf'], maxFileSize: 1024 } },
    },
  },
  'x-ozg': {
    steps: [
      { id: 'person', title: 'Person', fields: ['name'] },
      { id: 'nachweise', title: 'Nachweise', fields: ['nachweis'] },
    ],
  },
};

const title = (el: OzgForm) => $(el, '.step-title').textContent!.trim();

describe('file question on a later step', () => {
  it('shows its control in the same update that opens its step, so "Weiter" does not move afterwards', async () => {
    const el = await renderForm(twoSteps);
    expect(title(el)).to.equal('Person');
    expect($$(el, 'input[type=file]')).to.have.length(0);
    // The form asked for the code of file questions when it opened (before anyone went to step 2) …
    await until(
      () => performance.getEntriesByType('resource').some((e) => /\/file-upload\.[jt]s/.test(e.name)),
      'the code of file questions, fetched when the form opened',
    );
    await loadFileField(); // … and it has arrived (the form's own request, not a new one: it was made above)

    // Looked at right after the update that shows step 2, before any chunk could arrive.
    const shown = new Promise<{ title: string; inputs: number; buttonTop: number }>((resolve) =>
      el.addEventListener(
        'ozg-step',
        () =>
          void el.updateComplete.then(() =>
            resolve({
              title: title(el),
              inputs: $$(el, 'input[type=file]').length,
              buttonTop: $(el, 'button.primary').getBoundingClientRect().top,
            }),
          ),
        { once: true },
      ),
    );
    $(el, 'button.primary').click();
    const first = await shown;
    expect(first.title).to.equal('Nachweise');
    expect(first.inputs).to.equal(1);

    // A moment later nothing has moved: the "Weiter" button is where it was when the step opened.
    await new Promise((r) => setTimeout(r, 200));
    expect($(el, 'button.primary').getBoundingClientRect().top).to.equal(first.buttonTop);
  });
});
