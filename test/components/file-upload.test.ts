/**
 * File questions in the form: choosing, refusing, removing by keyboard, announcing, keeping the files
 * over a reload, and loading none of this for a form without file questions.
 */
import { expect } from '@open-wc/testing';
import type { OzgForm } from '../../src/index.js';
import { fileStore } from '../../src/modules/uploads/index.js';
import { $, $$, next, renderForm, settle, until } from '../support/form.js';

const PDF = '%PDF-1.7\n1 0 obj\n';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const definition = (id: string) => ({
  $id: id,
  title: 'Antrag mit Nachweis',
  type: 'object',
  required: ['nachweis'],
  properties: {
    name: { type: 'string', title: 'Name' },
    nachweis: {
      type: 'array',
      title: 'Nachweis',
      description: 'Ein Scan oder Foto.',
      maxItems: 2,
      'x-ozg': { file: { accept: ['application/pdf', 'image/png'], maxFileSize: 1024 } },
    },
  },
});

const fileInput = (el: OzgForm) => $(el, 'input[type=file]') as HTMLInputElement;

/** Chooses files as the file picker does: sets input.files and fires change. */
async function choose(el: OzgForm, files: File[]): Promise<void> {
  const dt = new DataTransfer();
  files.forEach((f) => dt.items.add(f));
  const input = fileInput(el);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  // Every chosen file ends up listed or refused once its checks are done.
  await until(async () => {
    await settle(el);
    return $$(el, '.file-list li, .file-refusals li').length >= files.length;
  }, 'the chosen files to be listed or refused');
  await settle(el);
}

const names = (el: OzgForm) => $$(el, '.file-list .file-name').map((n) => n.textContent);
const live = (el: OzgForm) => $(el, '[role=status]').textContent!.trim();

async function waitFor(check: () => boolean, el: OzgForm): Promise<void> {
  await until(
    async () => {
      await settle(el);
      return check();
    },
    'the file question',
    2000,
  ).catch(() => undefined); // callers assert the outcome themselves
}

describe('file question', () => {
  it('is not loaded by a form without file questions', async () => {
    const el = await renderForm({ type: 'object', properties: { name: { type: 'string', title: 'Name' } } });
    await settle(el);
    expect(customElements.get('ozg-file-upload')).to.equal(undefined);
  });

  it('is labelled, states its rules, and is accessible', async () => {
    const el = await renderForm(definition(`urn:test:${crypto.randomUUID()}`));
    await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
    await expect(el).to.be.accessible();
    const input = fileInput(el);
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Nachweis');
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.contain('application/pdf');
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim());
    expect(described).to.include('Ein Scan oder Foto.');
    expect(described).to.include('Erlaubt: PDF, PNG. Höchstens 1 KB je Datei. Bis zu 2 Dateien.');
  });

  it('keeps accepted files, refuses the others with a reason, and announces both', async () => {
    const el = await renderForm(definition(`urn:test:${crypto.randomUUID()}`));
    await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
    await choose(el, [
      new File([PDF], 'antrag.pdf'),
      new File(['MZ\x90\x00'], 'scan.pdf', { type: 'application/pdf' }),
      new File([], 'leer.png'),
      new File([PNG], '../<img src=x onerror=alert(1)>.png', { type: 'image/png' }),
    ]);
    expect(names(el)).to.deep.equal(['antrag.pdf', '<img src=x onerror=alert(1)>.png']);
    expect(el.shadowRoot!.querySelector('.file-list img') === null).to.equal(true); // the name is text
    expect($$(el, '.file-list .file-meta').map((m) => m.textContent)).to.deep.equal(['PDF, 17 Byte', 'PNG, 12 Byte']);
    const refusals = $$(el, '.file-refusals li').map((li) => li.textContent);
    expect(refusals).to.deep.equal([
      'Die Datei scan.pdf ist keine PDF- oder PNG-Datei. Bitte wählen Sie eine Datei in einem dieser Formate.',
      'Die Datei leer.png ist leer (0 Byte). Bitte wählen Sie eine Datei mit Inhalt.',
    ]);
    await waitFor(() => live(el).length > 0, el);
    expect(live(el)).to.contain('Hinzugefügt: antrag.pdf, <img src=x onerror=alert(1)>.png.');
    expect(live(el)).to.contain('Die Datei scan.pdf ist keine PDF- oder PNG-Datei.');
    const data = el.data as { nachweis: { filename: string; mimeType: string; size: number; attachmentId: string }[] };
    expect(data.nachweis.map((f) => [f.filename, f.mimeType, f.size])).to.deep.equal([
      ['antrag.pdf', 'application/pdf', 17],
      ['<img src=x onerror=alert(1)>.png', 'image/png', 12],
    ]);
    // One file too many
    await choose(el, [new File([PDF + 'x'], 'dritte.pdf')]);
    expect($$(el, '.file-refusals li').map((li) => li.textContent)).to.deep.equal([
      'Die Datei dritte.pdf wurde nicht hinzugefügt: Sie können höchstens 2 Dateien anhängen.',
    ]);
    await expect(el).to.be.accessible();
  });

  it('removes a file by keyboard, deletes its bytes, keeps the focus in the list, and says so', async () => {
    const id = `urn:test:${crypto.randomUUID()}`;
    const el = await renderForm(definition(id), { isolate: false });
    await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
    await choose(el, [new File([PDF], 'a.pdf'), new File([PDF + '2'], 'b.pdf')]);
    const [first] = (el.data as { nachweis: { attachmentId: string }[] }).nachweis;
    expect(await fileStore().get(id, first!.attachmentId)).to.not.equal(undefined);
    const remove = $$(el, '.file-list button')[0] as HTMLButtonElement;
    expect(remove.getAttribute('aria-label')).to.equal('a.pdf entfernen');
    remove.focus();
    remove.click();
    await waitFor(() => names(el).length === 1, el);
    expect(names(el)).to.deep.equal(['b.pdf']);
    expect(await fileStore().get(id, first!.attachmentId)).to.equal(undefined);
    await waitFor(() => live(el) === 'a.pdf wurde entfernt.', el);
    expect(live(el)).to.equal('a.pdf wurde entfernt.');
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('b.pdf entfernen');
    ($$(el, '.file-list button')[0] as HTMLButtonElement).click();
    await waitFor(() => names(el).length === 0, el);
    expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('file');
  });

  it('says a required file question is unanswered, in the summary and at the question, and lists the files on the review page', async () => {
    const el = await renderForm(definition(`urn:test:${crypto.randomUUID()}`));
    await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
    await next(el);
    expect($(el, '.error-summary').textContent).to.contain('Nachweis');
    // Inline as well, where the summary's link leads: the message, and the input marked invalid.
    const question = fileInput(el).closest('.field')!;
    expect(question.classList.contains('has-error')).to.equal(true);
    expect(question.querySelector('.error-message')?.textContent).to.contain(
      'Bitte laden Sie bei „Nachweis“ eine Datei hoch.',
    );
    expect(fileInput(el).getAttribute('aria-invalid')).to.equal('true');
    await choose(el, [new File([PDF], 'nachweis.pdf')]);
    expect(fileInput(el).closest('.field')!.classList.contains('has-error')).to.equal(false);
    expect(fileInput(el).hasAttribute('aria-invalid')).to.equal(false);
    await next(el);
    expect($(el, '.review').textContent).to.contain('nachweis.pdf');
  });

  it('removes the files a draft that expired left in the browser, and keeps those the answers name', async () => {
    const id = `urn:test:${crypto.randomUUID()}`;
    const kept = (attachmentId: string, name: string) =>
      fileStore().put({
        formId: id,
        attachmentId,
        name,
        type: 'application/pdf',
        size: PDF.length,
        blob: new Blob([PDF]),
      });
    // An earlier person's scan, whose draft has expired (nothing names it), beside the file of this draft.
    await kept('frueher', 'ausweis.pdf');
    await kept('jetzt', 'nachweis.pdf');
    localStorage.setItem(
      `ozg-form:draft:${id}`,
      JSON.stringify({
        v: 1,
        savedAt: new Date().toISOString(),
        data: {
          nachweis: [{ attachmentId: 'jetzt', filename: 'nachweis.pdf', size: PDF.length, type: 'application/pdf' }],
        },
        step: 0,
      }),
    );
    const el = await renderForm(definition(id), { isolate: false });
    await waitFor(() => names(el).length === 1, el);
    await until(async () => !(await fileStore().get(id, 'frueher')), 'the file nobody names to go');
    expect(names(el)).to.deep.equal(['nachweis.pdf']);
    expect((await fileStore().get(id, 'jetzt'))?.name).to.equal('nachweis.pdf');
  });

  it('removes an earlier person’s scans of another form whose draft is gone when a file question opens', async () => {
    const earlier = `urn:test:${crypto.randomUUID()}`;
    // Chosen two days ago for another form; its draft has expired and was swept since.
    await fileStore().put({
      formId: earlier,
      attachmentId: 'ausweis',
      name: 'ausweis.pdf',
      type: 'application/pdf',
      size: PDF.length,
      blob: new Blob([PDF]),
      savedAt: Date.now() - 2 * 24 * 60 * 60 * 1000,
      localDraft: true,
    });
    const el = await renderForm(definition(`urn:test:${crypto.randomUUID()}`), { isolate: false });
    await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
    await until(async () => !(await fileStore().get(earlier, 'ausweis')), 'the other form’s scan to go');
  });

  it('keeps a chosen file marked with where its draft is: localStorage, or a page’s own draft store', async () => {
    const stored = async (el: OzgForm, id: string) => {
      await waitFor(() => !!el.shadowRoot!.querySelector('input[type=file]'), el);
      await choose(el, [new File([PDF], 'nachweis.pdf')]);
      const [ref] = (el.data as { nachweis: { attachmentId: string }[] }).nachweis;
      return (await fileStore().get(id, ref!.attachmentId))!;
    };
    const local = `urn:test:${crypto.randomUUID()}`;
    expect((await stored(await renderForm(definition(local), { isolate: false }), local)).localDraft).to.equal(true);
    const elsewhere = `urn:test:${crypto.randomUUID()}`;
    const custom = await renderForm(definition(elsewhere), {
      isolate: false,
      connected: (el) => (el.draftStore = { load: () => undefined, save: () => undefined, remove: () => undefined }),
    });
    expect((await stored(custom, elsewhere)).localDraft).to.equal(false);
  });

  it('shows the chosen files again after a reload, and says which ones the browser lost', async () => {
    const id = `urn:test:${crypto.randomUUID()}`;
    const first = await renderForm(definition(id), { isolate: false });
    await waitFor(() => !!first.shadowRoot!.querySelector('input[type=file]'), first);
    await choose(first, [new File([PDF], 'bleibt.pdf'), new File([PNG], 'weg.png')]);
    const refs = (first.data as { nachweis: { attachmentId: string }[] }).nachweis;
    first.remove(); // leaving the page writes the draft
    await fileStore().remove(id, refs[1]!.attachmentId); // e.g. the browser cleared its storage
    const again = await renderForm(definition(id), { isolate: false });
    await waitFor(() => names(again).length === 1 && $$(again, '.file-refusals li').length === 1, again);
    expect(names(again)).to.deep.equal(['bleibt.pdf']);
    expect($$(again, '.file-refusals li')[0]!.textContent).to.equal(
      'Die Datei weg.png ist in diesem Browser nicht mehr vorhanden. Bitte wählen Sie sie erneut aus.',
    );
  });
});
