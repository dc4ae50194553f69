// Case-worker inbox of the local FIT-Connect stand-in. Plain module, no inline script (strict CSP);
// every server value is rendered with textContent, never as HTML.
const T = {
  de: { title: 'Sachbearbeitung', token: 'Zugangs-Token', login: 'Anmelden', submissions: 'Eingegangene Anträge',
    data: 'Antragsdaten', attachments: 'Nachweise', accept: 'Annehmen', reason: 'Ablehnungsgrund', reject: 'Ablehnen',
    messages: 'Nachrichten', message: 'Nachricht an die antragstellende Person', send: 'Nachricht senden',
    bescheidText: 'Text des Bescheids', sendBescheid: 'Bescheid erstellen und senden', lang: 'English',
    none: 'Keine Anträge.', denied: 'Token ungültig.', failed: 'Aktion fehlgeschlagen', done: 'Erledigt.',
    undecryptable: 'Nicht entschlüsselbar', hashBad: 'Prüfsumme stimmt nicht', status: 'Status', case: 'Vorgang',
    service: 'Leistung', submitted: 'Eingegangen', from: 'von Antragsteller/in', to: 'an Antragsteller/in' },
  en: { title: 'Case work', token: 'Access token', login: 'Sign in', submissions: 'Received applications',
    data: 'Application data', attachments: 'Evidence', accept: 'Accept', reason: 'Reason for rejection', reject: 'Reject',
    messages: 'Messages', message: 'Message to the applicant', send: 'Send message',
    bescheidText: 'Text of the decision', sendBescheid: 'Create and send decision', lang: 'Deutsch',
    none: 'No applications.', denied: 'Invalid token.', failed: 'Action failed', done: 'Done.',
    undecryptable: 'Cannot be decrypted', hashBad: 'checksum mismatch', status: 'Status', case: 'Case',
    service: 'Service', submitted: 'Received', from: 'from applicant', to: 'to applicant' },
};
let lang = 'de';
let token = sessionStorage.getItem('ozg-inbox-token') ?? '';
let current;
const $ = (id) => document.getElementById(id);
const t = (k) => T[lang][k] ?? k;
const say = (msg, error = false) => { $('status').textContent = msg; $('status').className = error ? 'error' : ''; };

function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  $('lang').textContent = t('lang');
  $('lang').lang = lang === 'de' ? 'en' : 'de';
  document.title = `${t('title')} – Stadt Musterstadt`;
}

async function api(path, init = {}) {
  const res = await fetch(`inbox/api/${path}`, {
    ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (res.status === 401) { say(t('denied'), true); $('login').hidden = false; throw new Error('401'); }
  if (!res.ok) { const p = await res.json().catch(() => ({})); throw new Error(p.detail ?? String(res.status)); }
  return res;
}

function li(text) { const el = document.createElement('li'); el.textContent = text; return el; }

async function loadList() {
  const { submissions } = await (await api('submissions')).json();
  $('login').hidden = true;
  $('list-section').hidden = false;
  const list = $('list');
  list.replaceChildren();
  if (!submissions.length) list.append(li(t('none')));
  for (const s of submissions) {
    const item = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${s.serviceName ?? s.leika} – ${s.caseId.slice(0, 8)} – ${s.status}`;
    b.addEventListener('click', () => void open(s.submissionId));
    item.append(b);
    list.append(item);
  }
}

async function open(sid) {
  const d = await (await api(`submissions/${sid}`)).json();
  current = d;
  $('detail').hidden = false;
  $('detail-h').textContent = `${d.serviceName ?? d.leika} (${d.caseId})`;
  const facts = $('facts');
  facts.replaceChildren();
  for (const [k, v] of [['status', d.status], ['case', d.caseId], ['service', d.leika], ['submitted', d.submittedAt]]) {
    const dt = document.createElement('dt'); dt.textContent = t(k);
    const dd = document.createElement('dd'); dd.textContent = v ?? '';
    facts.append(dt, dd);
  }
  $('data').textContent = d.state === 'ok' ? JSON.stringify(d.data, null, 2) : `${t('undecryptable')}: ${d.reason}`;
  const atts = $('attachments');
  atts.replaceChildren();
  for (const a of d.attachments ?? []) {
    const item = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${a.filename ?? a.attachmentId} (${a.mimeType ?? ''}, ${a.size} B)${a.hashOk ? '' : ` – ${t('hashBad')}`}`;
    b.addEventListener('click', async () => {
      const blob = await (await api(`submissions/${sid}/attachments/${a.attachmentId}`)).blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url; link.download = a.filename ?? 'anhang';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    item.append(b);
    atts.append(item);
  }
  await loadMessages();
  $('detail-h').focus();
}

async function loadMessages() {
  const { messages } = await (await api(`submissions/${current.submissionId}/messages`)).json();
  $('messages').replaceChildren(...messages.map((m) =>
    li(`${new Date(m.createdAt).toLocaleString(lang)} (${t(m.direction === 'from-applicant' ? 'from' : 'to')}): ${m.kind === 'bescheid' ? `[PDF] ${m.text ?? ''}` : m.text}`)));
}

async function act(path, body) {
  try {
    await api(`submissions/${current.submissionId}/${path}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined });
    say(t('done'));
    await open(current.submissionId);
    await loadList();
  } catch (e) { say(`${t('failed')}: ${e.message}`, true); }
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $('token').value;
  sessionStorage.setItem('ozg-inbox-token', token);
  loadList().catch(() => {});
});
$('lang').addEventListener('click', () => { lang = lang === 'de' ? 'en' : 'de'; applyLang(); });
$('accept').addEventListener('click', () => void act('accept'));
$('reject').addEventListener('click', () => void act('reject', { reason: $('reason').value || '–' }));
$('send-msg').addEventListener('click', () => { if ($('msg').value) void act('messages', { text: $('msg').value }); });
$('send-bescheid').addEventListener('click', () => {
  if ($('bescheid').value) void act('bescheid', { title: 'Bescheid', text: $('bescheid').value });
});
applyLang();
if (token) loadList().catch(() => {});
