/** A recursive definition (an organisation with its subunits, each of the same kind): one level is
 * built per added entry, up to the depth the checker names; answered, reviewed, submitted, drafted. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OzgForm, OzgSubmitDetail } from '../../src/index.js';
import { $, $$, next, renderForm, settle, until } from '../support/form.js';

const load = async () => (await fetch('/test/fixtures/forms/rekursion.json')).json();
const addButtons = (el: OzgForm) => $$(el, 'button.add') as HTMLButtonElement[];
/** How deep a control is nested in lists. */
const depth = (node: Element) => {
  let n = 0;
  for (let at: Element | null = node; at; at = at.parentElement) if (at.matches('fieldset.repeat')) n++;
  return n;
};
const deepestAdd = (el: OzgForm) => addButtons(el).reduce((a, b) => (depth(b) > depth(a) ? b : a));
const nameInputs = (el: OzgForm) =>
  $$(el, 'label')
    .filter((l) => l.textContent!.trim() === 'Bezeichnung')
    .map((l) => el.shadowRoot!.getElementById(l.getAttribute('for')!) as HTMLInputElement);

async function typeInto(el: OzgForm, input: HTMLInputElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}

describe('a recursive definition', () => {
  it('adds a level per entry, down to five, and submits the tree', async () => {
    const el = await renderForm(await load());
    await expect(el).to.be.accessible();
    await typeInto(el, nameInputs(el)[0], 'Bürgermeisteramt');
    // Each level offers its own "add": the deepest one added last.
    for (let level = 1; level < 5; level++) {
      deepestAdd(el).click();
      await until(() => nameInputs(el).length === level + 1, `level ${level + 1}`);
      await typeInto(
        el,
        nameInputs(el).reduce((a, b) => (depth(b) > depth(a) ? b : a)),
        `Ebene ${level + 1}`,
      );
    }
    // On the fifth level no more entries can be added.
    expect(addButtons(el).map(depth)).to.deep.equal([4, 3, 2, 1]);
    expect($$(el, '.repeat .note').at(-1)!.textContent).to.contain('keine weiteren Einträge');
    await expect(el).to.be.accessible();

    await next(el);
    const review = $(el, '.review').textContent!;
    expect(review).to.contain('Bürgermeisteramt');
    expect(review).to.contain('Ebene 5');
    const submitted = oneEvent(el, 'ozg-submit');
    $(el, 'button.primary').click();
    const { detail } = (await submitted) as CustomEvent<OzgSubmitDetail>;
    let unit = detail.data.einheit as { bezeichnung: string; untereinheiten?: unknown[] };
    const names = [unit.bezeichnung];
    while (unit.untereinheiten?.length) {
      unit = unit.untereinheiten[0] as typeof unit;
      names.push(unit.bezeichnung);
    }
    expect(names).to.deep.equal(['Bürgermeisteramt', 'Ebene 2', 'Ebene 3', 'Ebene 4', 'Ebene 5']);
  });

  it('restores a tree from a draft', async () => {
    const definition = { ...(await load()), $id: `urn:test:tree-draft:${Date.now()}` };
    const first = await renderForm(definition, { isolate: false });
    await typeInto(first, nameInputs(first)[0], 'Amt');
    addButtons(first)[0].click();
    await until(() => nameInputs(first).length === 2, 'a subunit');
    await typeInto(first, nameInputs(first)[1], 'Abteilung');
    first.parentElement!.remove();
    const second = await renderForm(definition, { isolate: false });
    expect(nameInputs(second).map((i) => i.value)).to.deep.equal(['Amt', 'Abteilung']);
  });
});
