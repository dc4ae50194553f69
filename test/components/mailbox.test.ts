/**
 * <ozg-mailbox> states that need no server: missing or unusable capability link, unreachable gateway,
 * language, and the status timeline built from (already verified) events. The journey against the real
 * gateway and inbox is test/e2e/inbox.spec.ts.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { OzgMailbox } from '../../src/components/mailbox/ozg-mailbox.js';
import { renderMessage } from '../../src/components/mailbox/message.js';
import { mt } from '../../src/components/mailbox/texts.js';
import type { CaseMessage } from '../../src/modules/return-channel/client.js';
import { buildTimeline, classifyError } from '../../src/components/mailbox/timeline.js';
import type { VerifiedEvent } from '../../src/modules/return-channel/status.js';

if (!customElements.get('ozg-mailbox')) customElements.define('ozg-mailbox', OzgMailbox);

/** Nothing listens here (and it is not on the browser's list of blocked ports). */
const UNREACHABLE = 'http://127.0.0.1:39/gateway/v1';

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim();

async function settled(el: OzgMailbox) {
  await waitUntil(() => !el.shadowRoot!.querySelector('.loading'), 'still loading', { timeout: 10_000 });
  await el.updateComplete;
}

afterEach(() => {
  history.replaceState(null, '', location.pathname + location.search);
});

describe('<ozg-mailbox>', () => {
  it('opened without a link (from the site) says what it is for and where the link is, not an error', async () => {
    let errors = 0;
    const count = () => errors++;
    document.body.addEventListener('ozg-error', count);
    const el = await fixture<OzgMailbox>(html`<ozg-mailbox lang="de"></ozg-mailbox>`);
    await settled(el);
    document.body.removeEventListener('ozg-error', count);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('[role="alert"], .problem') === null).to.equal(true);
    expect(errors).to.equal(0);
    expect(el.shadowRoot!.querySelector('form, ol, textarea, .case-id') === null).to.equal(true);
    expect(text(el)).to.equal(
      'Mein Antrag – Postfach Hier sehen Sie, wie weit Ihr Antrag bearbeitet ist, und lesen Nachrichten der Behörde. Öffnen Sie dazu den Link aus Ihrer Eingangsbestätigung: Sie finden ihn auf der Seite nach dem Absenden und im PDF. Nur mit diesem Link sehen Sie Ihren Vorgang; bewahren Sie ihn gut auf.',
    );
  });

  it('a link without its secret says there is no case, and shows nothing else', async () => {
    history.replaceState(null, '', '#case=3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f');
    const el = await fixture<OzgMailbox>(html`<ozg-mailbox lang="de"></ozg-mailbox>`);
    await settled(el);
    await expect(el).to.be.accessible();
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Zu diesem Link gibt es keinen Vorgang');
    expect(el.shadowRoot!.querySelector('form, ol, textarea, .case-id') === null).to.equal(true);
    expect(text(el)).to.equal(
      'Mein Antrag – Postfach Zu diesem Link gibt es keinen Vorgang Bitte prüfen Sie, ob Sie den Link aus Ihrer Eingangsbestätigung vollständig übernommen haben.',
    );
  });

  it('a secret without case id is refused the same way and fires ozg-error', async () => {
    const el = document.createElement('ozg-mailbox') as OzgMailbox;
    el.setAttribute('secret', 'abc');
    const errored = oneEvent(document.body, 'ozg-error');
    document.body.append(el);
    const event = await errored;
    expect(event.detail.message).to.equal('Zu diesem Link gibt es keinen Vorgang');
    expect(event.composed && event.bubbles).to.equal(true);
    el.remove();
  });

  it('reads case and secret from the URL fragment and reports an unreachable server with a retry button', async () => {
    history.replaceState(null, '', '#case=3f2b8c1e-7d4a-4e1b-9c6f-0a1b2c3d4e5f&secret=Ab3_xY');
    const el = await fixture<OzgMailbox>(html`<ozg-mailbox gateway=${UNREACHABLE}></ozg-mailbox>`);
    await settled(el);
    await expect(el).to.be.accessible();
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain(
      'Die Verbindung ist gerade gestört. Bitte versuchen Sie es später noch einmal.',
    );
    expect(el.shadowRoot!.querySelector('form, ol') === null).to.equal(true);
    // retrying by keyboard keeps focus on the (again failing) message, not lost on <body>
    const retry = alert.querySelector('button')!;
    expect(retry.textContent).to.contain('Erneut versuchen');
    retry.focus();
    retry.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('problem'), 'focus on the problem', {
      timeout: 10_000,
    });
    expect(el.shadowRoot!.querySelector('.problem')!.textContent).to.contain('Die Verbindung ist gerade gestört');
  });

  it('speaks English from its own lang attribute, else from the closest [lang]', async () => {
    history.replaceState(null, '', '#case=x&secret=y');
    const own = await fixture<OzgMailbox>(html`<ozg-mailbox lang="en" gateway=${UNREACHABLE}></ozg-mailbox>`);
    await settled(own);
    expect(text(own)).to.contain('My application – mailbox');
    expect(text(own)).to.contain('We cannot connect right now. Please try again later.');
    expect(own.shadowRoot!.querySelector('section')!.getAttribute('lang')).to.equal('en');

    history.replaceState(null, '', location.pathname + location.search);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-GB"><ozg-mailbox></ozg-mailbox></div>`);
    const inner = wrapper.querySelector('ozg-mailbox') as OzgMailbox;
    await settled(inner);
    expect(text(inner)).to.contain('Only this link shows your case');

    const german = await fixture<HTMLDivElement>(html`<div lang="en"><ozg-mailbox lang="de"></ozg-mailbox></div>`);
    const de = german.querySelector('ozg-mailbox') as OzgMailbox;
    await settled(de);
    expect(text(de)).to.contain('Nur mit diesem Link sehen Sie Ihren Vorgang');
  });
});

describe('mailbox timeline', () => {
  const ev = (event: string, minute: number): VerifiedEvent => ({
    jti: `${event}-${minute}`,
    event,
    issuedAt: new Date(Date.UTC(2025, 2, 7, 13, minute)),
    submissionId: 's',
    caseId: 'c',
    issuer: 'i',
    details: {},
  });

  it('marks the latest reached step as current and lists what is still to come', () => {
    const t = buildTimeline([ev('create-submission', 0), ev('submit-submission', 1)], 'submitted');
    expect(t.map((s) => [s.key, s.current, Boolean(s.at)])).to.deep.equal([
      ['submitted', true, true],
      ['forwarded', false, false],
      ['decision', false, false],
    ]);
  });

  it('orders out-of-order events by time and ends with the decision', () => {
    const t = buildTimeline(
      [ev('accept-submission', 9), ev('forward-submission', 5), ev('submit-submission', 1)],
      'accepted',
    );
    expect(t.map((s) => s.key)).to.deep.equal(['submitted', 'forwarded', 'accepted']);
    expect(t.filter((s) => s.current).map((s) => s.key)).to.deep.equal(['accepted']);
    expect(t[2]!.at!.toISOString()).to.equal('2025-03-07T13:09:00.000Z');
  });

  it('shows a rejection as the decision', () => {
    const t = buildTimeline([ev('submit-submission', 1), ev('reject-submission', 3)], 'rejected');
    expect(t.map((s) => s.key)).to.deep.equal(['submitted', 'rejected']);
    expect(t[1]!.current).to.equal(true);
  });

  it('classifies gateway answers: 404 is "no case", offline and 5xx are "server unreachable"', () => {
    expect(classifyError(new Error('return channel: 404'))).to.equal('not-found');
    expect(classifyError(new TypeError('Failed to fetch'))).to.equal('network');
    expect(classifyError(new Error('return channel: 502'))).to.equal('network');
    expect(classifyError(new Error('return channel: 400'))).to.equal('failed');
  });
});

describe('a Bescheid in the mailbox', () => {
  const bescheid: CaseMessage = {
    id: 'b1',
    direction: 'to-applicant',
    kind: 'bescheid',
    subject: 'Bescheid über die Hundesteuer <script>alert(1)</script>',
    text: 'Sehr geehrte Frau Müller-Weiß,\n\nIhr Hund <b>Bello</b> ist angemeldet.\nDie Steuer beträgt 96,00 €.\n\n\nMit freundlichen Grüßen',
    filename: 'bescheid.pdf',
    createdAt: '2025-03-10T09:00:00.000Z',
  };

  async function show(m: CaseMessage, lang: 'de' | 'en' = 'de') {
    const downloads: string[] = [];
    const el = await fixture<HTMLElement>(
      html`<section lang=${lang}>
        <h2>Postfach</h2>
        <h3>Nachrichten</h3>
        <ul></ul>
      </section>`,
    );
    render(
      renderMessage(
        m,
        (key) => mt(lang, key),
        lang,
        (message) => downloads.push(message.id),
      ),
      el.querySelector('ul')!,
    );
    return { el, downloads };
  }

  it('shows subject and text as a heading and paragraphs, as text (never as HTML), and the PDF download', async () => {
    const { el, downloads } = await show(bescheid);
    const h4 = el.querySelector('h4')!;
    expect(h4.textContent).to.equal('Bescheid über die Hundesteuer <script>alert(1)</script>');
    expect(el.querySelector('script, b') === null, 'no markup from the text').to.equal(true);
    const paragraphs = [...el.querySelectorAll('article p.text')].map((p) => p.textContent);
    expect(paragraphs).to.deep.equal([
      'Sehr geehrte Frau Müller-Weiß,',
      'Ihr Hund <b>Bello</b> ist angemeldet.\nDie Steuer beträgt 96,00 €.',
      'Mit freundlichen Grüßen',
    ]);
    // the article is named by its heading, so it is found as "Bescheid über die Hundesteuer …"
    const article = el.querySelector('article')!;
    expect(article.getAttribute('aria-labelledby')).to.equal(h4.id);
    const button = el.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Bescheid herunterladen (PDF)');
    button.click();
    expect(downloads).to.deep.equal(['b1']);
    await expect(el).to.be.accessible();
  });

  it('without a text says the text is in the PDF; without a subject the heading is "Bescheid" (English: Decision)', async () => {
    const { el } = await show({ ...bescheid, subject: undefined, text: undefined });
    expect(el.querySelector('h4')!.textContent).to.equal('Bescheid');
    expect(el.querySelector('article p.text')!.textContent).to.equal('Den Text dieses Bescheids finden Sie im PDF.');
    const en = await show({ ...bescheid, subject: undefined }, 'en');
    expect(en.el.querySelector('h4')!.textContent).to.equal('Decision');
    expect(en.el.querySelector('button')!.textContent!.trim()).to.equal('Download the decision (PDF)');
  });

  it('says "Bescheid" once: not above a heading that begins with it, above one that does not', async () => {
    const kindAndHeading = async (subject: string | undefined) => {
      const { el } = await show({ ...bescheid, subject });
      return [el.querySelector('.kind')?.textContent ?? null, el.querySelector('h4')!.textContent];
    };
    expect(await kindAndHeading(undefined)).to.deep.equal([null, 'Bescheid']);
    expect(await kindAndHeading('Bescheid')).to.deep.equal([null, 'Bescheid']);
    expect(await kindAndHeading('Bescheid über die Hundesteuer')).to.deep.equal([
      null,
      'Bescheid über die Hundesteuer',
    ]);
    expect(await kindAndHeading('Ihre Hundesteuer 2027')).to.deep.equal(['Bescheid', 'Ihre Hundesteuer 2027']);
  });
});
