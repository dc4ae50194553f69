// Case-worker inbox of the local FIT-Connect stand-in. Plain module, no inline script (strict CSP);
// every server value is rendered with textContent, never as HTML.
import { renderAnswers } from './inbox-answers.js';
import { T } from './inbox-texts.js';

let lang = 'de';
let token = sessionStorage.getItem('ozg-inbox-token') ?? '';
let current;
const $ = (id) => document.getElementById(id);
const t = (k) => T[lang][k] ?? k;
const state = (s) => T[lang].states[s] ?? s ?? '';
/** A payment code (method or status) in words; `OTHER` with the provider's own name of the method. */
const payWord = (table, code, detail) => (code === 'OTHER' && detail) || (T[lang][table][code] ?? code ?? '');
const when = (iso) =>
  iso
    ? new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
    : '';
const final = (s) => s === 'accepted' || s === 'rejected';
/** The status line: a text key (and what the server said), worded again when the language changes. */
let said;
const say = (key, error = false, detail = '') => {
  said = { key, error, detail };
  $('status').textContent = detail ? `${t(key)}: ${detail}` : t(key);
  $('status').className = error ? 'error' : '';
};

/** A field left empty: the message beside it and tied to it (aria-describedby), where the case worker
 * looks, not only in the status line at the top; it goes when they type. */
function needsText(id, key = 'empty') {
  const field = $(id);
  let note = document.getElementById(`${id}-error`);
  if (!note) {
    note = document.createElement('p');
    note.id = `${id}-error`;
    note.className = 'error';
    field.after(note);
    field.addEventListener('input', () => {
      note.textContent = '';
      delete note.dataset.t;
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    });
  }
  note.dataset.t = key; // worded again on a language switch (applyLang)
  note.textContent = t(key);
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', note.id);
  field.focus();
}

function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach((el) => {
    el.textContent = t(el.dataset.t);
  });
  $('lang').textContent = t('lang');
  $('lang').lang = lang === 'de' ? 'en' : 'de';
  document.title = `${t('title')} – Stadt Musterstadt`;
  if (said) say(said.key, said.error, said.detail);
  // What came from the server is rendered in the chosen language too.
  if (lastList) renderList(lastList);
  if (current) {
    renderDetail(current);
    renderMessages(lastMessages);
  }
}

async function api(path, init = {}) {
  const res = await fetch(`standins/inbox/api/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (res.status === 401) {
    token = '';
    sessionStorage.removeItem('ozg-inbox-token');
    say('denied', true);
    $('login').hidden = false;
    throw new Error('401');
  }
  if (!res.ok) {
    const p = await res.json().catch(() => ({}));
    throw new Error(p.detail ?? String(res.status));
  }
  return res;
}

function li(text) {
  const el = document.createElement('li');
  el.textContent = text;
  return el;
}

let lastList;
let lastMessages = [];

async function loadList() {
  const { submissions } = await (await api('submissions')).json();
  lastList = submissions;
  // A refused token said before is no longer true.
  if (said?.error) {
    said = undefined;
    $('status').textContent = '';
    $('status').className = '';
  }
  $('login').hidden = true;
  $('list-section').hidden = false;
  renderList(submissions);
}

function renderList(submissions) {
  const list = $('list');
  list.replaceChildren();
  if (!submissions.length) list.append(li(t('none')));
  for (const s of submissions) {
    const item = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${s.serviceName ?? s.leika} – ${s.caseId.slice(0, 8)} – ${state(s.status)} – ${when(s.submittedAt)}`;
    b.addEventListener('click', () => void open(s.submissionId, { focus: true }));
    item.append(b);
    list.append(item);
  }
}

/** Shows one submission; `focus` moves the focus to its heading (only when the person opened it). */
async function open(sid, { focus = false } = {}) {
  try {
    current = await (await api(`submissions/${sid}`)).json();
    renderDetail(current);
    // Opening a case forwards it ("in Bearbeitung"): the list says so too.
    const listed = lastList?.find((s) => s.submissionId === sid);
    if (listed && listed.status !== current.status) {
      listed.status = current.status;
      renderList(lastList);
    }
    await loadMessages();
    if (focus) $('detail-h').focus();
  } catch (e) {
    if (e.message !== '401') say('loadFailed', true, e.message);
  }
}

function renderDetail(d) {
  $('confirm').hidden = true;
  const sid = d.submissionId;
  $('detail').hidden = false;
  $('detail-h').textContent = `${d.serviceName ?? d.leika} (${d.caseId})`;
  // What the inbox found when it checked the decrypted answers against their form and their payment.
  const checks = d.checks ?? [];
  $('checks').hidden = !checks.length;
  $('checks-list').replaceChildren(...checks.map((c) => li(c.text[lang] ?? c.text.de)));
  const facts = $('facts');
  facts.replaceChildren();
  const euro = (n) =>
    typeof n === 'number'
      ? new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(n)
      : '';
  const pay = d.payment;
  const payRows = pay
    ? [
        [
          'payment',
          `${euro(pay.grossAmount)} (${payWord('payMethods', pay.paymentMethod, pay.paymentMethodDetail)}, ${payWord('payStates', pay.status)})`,
        ],
        ['reference', pay.transactionReference],
        [
          'providerStatus',
          `${payWord('payStates', pay.providerStatus)}${pay.providerAmount !== undefined ? `, ${euro(pay.providerAmount)}` : ''}`,
        ],
      ]
    : [['payment', t('noPayment')]];
  // What the applicant's metadata claims and the gateway's own binding disagree on.
  if (pay?.mismatch?.length) {
    payRows.push(['paymentMismatch', pay.boundByGateway ? pay.mismatch.join(', ') : t('notBoundPayment')]);
  }
  const facts$ = [
    ['status', state(d.status)],
    ['case', d.caseId],
    ['service', d.leika],
    ['submitted', when(d.submittedAt)],
  ];
  if (d.state === 'ok')
    facts$.push(['account', loginText(d.authentication)], ['reply', replyText(d.metadata?.replyChannel)], ...payRows);
  for (const [k, v] of facts$) {
    const dt = document.createElement('dt');
    dt.textContent = t(k);
    const dd = document.createElement('dd');
    dd.textContent = v ?? '';
    facts.append(dt, dd);
  }
  renderAnswers($('answers'), d.answers?.rows[lang]);
  $('data').textContent = d.state === 'ok' ? JSON.stringify(d.data, null, 2) : `${t('undecryptable')}: ${d.reason}`;
  const atts = $('attachments');
  atts.replaceChildren();
  // No empty list for a screen reader to announce: a sentence instead.
  atts.hidden = !d.attachments?.length;
  $('no-attachments').hidden = !atts.hidden;
  for (const a of d.attachments ?? []) {
    const item = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${a.filename ?? a.attachmentId} (${a.mimeType ?? ''}, ${a.size} B)${a.hashOk ? '' : ` – ${t('hashBad')}`}`;
    b.addEventListener('click', async () => {
      let blob;
      try {
        blob = await (await api(`submissions/${sid}/attachments/${a.attachmentId}`)).blob();
      } catch (e) {
        if (e.message !== '401') say('failed', true, e.message);
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = a.filename ?? 'anhang';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    item.append(b);
    atts.append(item);
  }
  // A decided submission cannot be accepted or rejected again.
  $('accept').disabled = final(d.status) || d.state !== 'ok';
  for (const id of ['reject', 'reason']) $(id).disabled = final(d.status);
}

/** Who applied, as the verified identification report of the user account says. */
function loginText(checks) {
  if (!checks?.length) return t('noLogin');
  return checks
    .map((a) =>
      a.verified
        ? [
            a.name ?? a.subject,
            a.kind === 'business' ? t('business') : '',
            a.trustLevel ? `${t('level')} ${a.trustLevel}` : '',
            t('verified'),
            a.boundToApplication === false ? `${t('notVerified')}: ${t('notBound')}` : '',
          ]
            .filter(Boolean)
            .join(' – ')
        : `${t('notVerified')}: ${a.problem}`,
    )
    .join('; ');
}

function replyText(channel) {
  if (channel?.idBundDeMailbox) return `${t('mailbox')} (${channel.idBundDeMailbox.mailboxUuid})`;
  if (channel?.eMail) return `${t('email')} ${channel.eMail.address}`;
  return t('byPost');
}

async function loadMessages() {
  const { messages } = await (await api(`submissions/${current.submissionId}/messages`)).json();
  lastMessages = messages;
  renderMessages(messages);
}

function renderMessages(messages) {
  $('messages').replaceChildren(
    ...messages.map((m) =>
      li(
        `${when(m.createdAt)} (${t(m.direction === 'from-applicant' ? 'from' : 'to')}): ${m.kind === 'bescheid' ? `[PDF] ${m.subject ?? ''}: ${m.text ?? ''}` : m.text}`,
      ),
    ),
  );
}

/** Runs a case-worker action; on success clears `field` (if given) and refreshes, keeping the focus where it is. */
async function act(path, body, field) {
  const trigger = document.activeElement;
  try {
    await api(`submissions/${current.submissionId}/${path}`, {
      method: 'POST',
      body: body ? JSON.stringify(body) : undefined,
    });
    if (field) field.value = '';
    await open(current.submissionId);
    await loadList();
    say('done');
    // Accept/Reject are disabled once decided (and the confirmation is hidden): do not leave the
    // keyboard focus on a disabled or hidden button.
    if (trigger?.disabled || trigger?.closest('[hidden]')) $('detail-h').focus();
  } catch (e) {
    if (e.message !== '401') say('failed', true, e.message);
  }
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $('token').value;
  sessionStorage.setItem('ozg-inbox-token', token);
  // After signing in the focus goes to the list (the login form it was on disappears).
  loadList()
    .then(() => $('list-h').focus())
    .catch((e) => {
      if (e.message !== '401') say('loadFailed', true, e.message);
    });
});
$('lang').addEventListener('click', () => {
  lang = lang === 'de' ? 'en' : 'de';
  applyLang();
});
/** Accepting and rejecting cannot be undone: both ask once more, with the focus on the confirmation. */
let pending;
function confirmThen(kind, run) {
  pending = { kind, run };
  $('confirm-text').textContent = t(kind === 'accept' ? 'confirmAccept' : 'confirmReject');
  $('confirm-yes').textContent = t(kind === 'accept' ? 'yesAccept' : 'yesReject');
  $('confirm').hidden = false;
  $('confirm-yes').focus();
}
$('confirm-yes').addEventListener('click', () => {
  const run = pending?.run;
  pending = undefined;
  run?.();
  $('confirm').hidden = true;
});
// Escape cancels, as in a dialog.
$('confirm').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') $('confirm-no').click();
});
$('confirm-no').addEventListener('click', () => {
  $('confirm').hidden = true;
  if (pending) $(pending.kind).focus();
  pending = undefined;
});
$('accept').addEventListener('click', () => confirmThen('accept', () => void act('accept')));
$('reject').addEventListener('click', () => {
  if (!$('reason').value.trim()) return needsText('reason', 'emptyReason');
  confirmThen('reject', () => void act('reject', { reason: $('reason').value.trim() }));
});
$('send-msg').addEventListener('click', () => {
  if (!$('msg').value.trim()) return needsText('msg');
  void act('messages', { text: $('msg').value }, $('msg'));
});
$('send-bescheid').addEventListener('click', () => {
  if (!$('bescheid').value.trim()) return needsText('bescheid');
  const title = $('bescheid-subject').value.trim() || 'Bescheid';
  void act('bescheid', { title, text: $('bescheid').value }, $('bescheid'));
});
applyLang();
if (token)
  loadList().catch((e) => {
    if (e.message !== '401') say('loadFailed', true, e.message);
  });
