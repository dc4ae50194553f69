// Stadt Musterstadt demo site: the little bit of page script a CMS would add around an embedded form.
// No inline handlers anywhere (the pages run under a strict Content-Security-Policy); texts are set as text.

/** The language a person chose for a form, kept for this tab: a login or payment leaves the page and
 * comes back to it, and so does a reload; the form should come back in the chosen language. */
const chosenLang = {
  key: (form) => `musterstadt-lang:${location.pathname}#${form.id}`,
  get(form) {
    try {
      return sessionStorage.getItem(this.key(form));
    } catch {
      return null; // storage blocked: the page's own language
    }
  },
  set(form, lang) {
    try {
      sessionStorage.setItem(this.key(form), lang);
    } catch {
      /* storage blocked: the choice lasts until the page is left */
    }
  },
};

/** Language switch: radio buttons whose value becomes the `lang` attribute of the target <ozg-form>. */
function initLanguageSwitches() {
  for (const group of document.querySelectorAll('[data-lang-switch]')) {
    const form = document.getElementById(group.getAttribute('data-lang-switch') ?? '');
    if (!form) continue;
    const radios = [...group.querySelectorAll('input[type="radio"]')];
    const chosen = chosenLang.get(form);
    if (chosen && radios.some((r) => r.value === chosen)) form.setAttribute('lang', chosen);
    const current = form.getAttribute('lang') || 'de';
    for (const radio of radios) {
      radio.checked = radio.value === current;
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        form.setAttribute('lang', radio.value);
        chosenLang.set(form, radio.value);
      });
    }
  }
}

/** Shows what the form hands over on confirmation (demo only). With its `gateway` attribute the form then
 * sends the application itself, encrypted, and shows the receipt; this page does not send anything. */
function initSubmitOutput() {
  for (const form of document.querySelectorAll('ozg-form[id]')) {
    const output = document.querySelector(`[data-output-for="${form.id}"]`);
    const status = document.querySelector(`[data-status-for="${form.id}"]`);

    form.addEventListener('ozg-submit', (event) => {
      const data = event.detail?.data;
      if (output) output.textContent = JSON.stringify(data ?? null, null, 2);
      // With a gateway the form goes on by itself (payment, sending) and says so: the page speaks once
      // the application has arrived, not before.
      if (status && !form.hasAttribute('gateway'))
        status.textContent = 'Das Formular wurde abgesendet. Die übermittelten Daten stehen unten.';
    });

    form.addEventListener('ozg-submission', (event) => {
      if (status && event.detail?.outcome === 'sent')
        status.textContent = 'Der Antrag ist eingegangen. Die übermittelten Daten stehen unten.';
    });

    form.addEventListener('ozg-error', (event) => {
      if (!status) return;
      const detail = event.detail;
      const message = typeof detail?.message === 'string' ? detail.message : '';
      status.textContent = message
        ? `Das Formular meldet einen Fehler: ${message}`
        : 'Das Formular meldet einen Fehler.';
    });
  }
}

function init() {
  initLanguageSwitches();
  initSubmitOutput();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
