/**
 * Every demo form passes axe-core with no violation of WCAG 2.0/2.1 A and AA rules on every step
 * (walked with valid answers that also bring up the conditional questions), with the error summary
 * and error messages showing, on the review page and after confirming.
 */
import { expect } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';
import type { OzgForm } from '../../src/index.js';
import { ANSWERS, DEMO_FORMS, type DemoForm } from '../e2e/answers.js';
import { $, $$, next, renderForm, settle } from '../support/form.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Axe {
  run(context: Element, options: RunOptions): Promise<AxeResults>;
}

async function loadAxe(): Promise<Axe> {
  const w = window as unknown as { axe?: Axe };
  // axe.min.js is a UMD script: imported, it registers itself as window.axe.
  // @ts-expect-error axe.min.js has no type declarations of its own (the types come with 'axe-core').
  if (!w.axe) await import('axe-core/axe.min.js');
  if (!w.axe) throw new Error('axe-core did not load');
  return w.axe;
}

/** Runs axe on the element, restricted to the WCAG A/AA tags, and fails with a readable list. */
async function expectNoViolations(el: OzgForm, where: string): Promise<void> {
  const axe = await loadAxe();
  const results = await axe.run(el, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  // The run really was restricted to these tags: every rule that ran carries one of them.
  for (const rule of [...results.passes, ...results.violations, ...results.incomplete]) {
    expect(
      rule.tags.some((tag) => TAGS.includes(tag)),
      `rule ${rule.id} outside ${TAGS.join(', ')}`,
    ).to.equal(true);
  }
  const report = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`,
  );
  expect(report, `axe violations on ${where}`).to.deep.equal([]);
}

async function load(name: DemoForm, data?: Record<string, unknown>): Promise<OzgForm> {
  const definition = await (await fetch(`/demo/forms/${name}.json`)).json();
  const el = await renderForm(definition, { data, lang: 'de' });
  expect(el.shadowRoot!.querySelector('.load-error')?.textContent ?? null, 'the definition loads').to.equal(null);
  return el;
}

const title = (el: OzgForm) => $(el, '.step-title').textContent!.trim();
const onReview = (el: OzgForm) => el.shadowRoot!.querySelector('form') === null;

describe('demo forms pass axe (WCAG 2.1 A/AA)', () => {
  for (const name of DEMO_FORMS) {
    describe(name, () => {
      it('on every step, filled with valid answers', async () => {
        const el = await load(name, ANSWERS[name]);
        const seen: string[] = [];
        for (let i = 0; i < 10 && !onReview(el); i++) {
          seen.push(title(el));
          await expectNoViolations(el, `step "${title(el)}"`);
          await next(el);
          expect($$(el, '.error-summary'), `step "${seen.at(-1)}" accepts the answers`).to.have.length(0);
          expect(title(el), 'moved on').not.to.equal(seen.at(-1));
        }
        expect(onReview(el), `reached the review page after ${seen.join(' > ')}`).to.equal(true);
        expect(seen.length, 'more than one step').to.be.greaterThan(1);
      });

      it('with a second entry of the repeatable group and its errors showing', async () => {
        const el = await load(name, ANSWERS[name]);
        for (let i = 0; i < 10 && $$(el, 'fieldset.repeat').length === 0 && !onReview(el); i++) await next(el);
        expect($$(el, 'fieldset.repeat'), 'a step with a repeatable group').to.have.length(1);
        $(el, 'button.add').click();
        await settle(el);
        expect($$(el, 'fieldset.item')).to.have.length(2);
        await next(el);
        expect($$(el, '.error-summary a').length, 'errors of the empty entry').to.be.greaterThan(0);
        expect($$(el, '.error-message').length).to.be.greaterThan(0);
        await expectNoViolations(el, `step "${title(el)}" with an empty second entry`);
      });

      it('with the errors of an empty step 1 showing', async () => {
        const el = await load(name);
        await next(el);
        expect($$(el, '.error-summary a').length, 'links in the error summary').to.be.greaterThan(0);
        expect($$(el, '.error-message').length, 'error messages at the questions').to.be.greaterThan(0);
        expect($$(el, '[aria-invalid="true"]').length, 'controls marked invalid').to.be.greaterThan(0);
        await expectNoViolations(el, 'step 1 with errors');
      });

      it('on the review page and after confirming', async () => {
        const el = await load(name, ANSWERS[name]);
        for (let i = 0; i < 10 && !onReview(el); i++) await next(el);
        expect(onReview(el), 'reached the review page').to.equal(true);
        expect($(el, '.review').textContent).to.contain('Musterstadt');
        await expectNoViolations(el, 'the review page');
        const submitted = new Promise<void>((resolve) =>
          el.addEventListener('ozg-submit', () => resolve(), { once: true }),
        );
        await next(el);
        await submitted;
        await settle(el);
        expect($$(el, '.confirmation')).to.have.length(1);
        await expectNoViolations(el, 'the review page after confirming');
      });
    });
  }
});
