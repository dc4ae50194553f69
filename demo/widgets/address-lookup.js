// <my-address-lookup>: an example custom widget for ozg-form (x-ozg.widget: "my-address-lookup").
// A form-associated custom element with two inputs, Postleitzahl and Ort; a known PLZ fills the Ort
// from a small bundled list. Its value is the text "PLZ Ort" ("12345 Musterstadt"). It follows the
// contract in docs/authoring.md: ozg-form sets value, label, hint, errors, lang, required, readOnly;
// the element reports changes with `input` and `change` events and keeps `value` current.
const PLACES = {
  12345: 'Musterstadt',
  10115: 'Berlin',
  20095: 'Hamburg',
  50667: 'Köln',
  60311: 'Frankfurt am Main',
  80331: 'München',
  '01067': 'Dresden',
  '04109': 'Leipzig',
  30159: 'Hannover',
  70173: 'Stuttgart',
};
const TEXTS = {
  de: { plz: 'Postleitzahl', ort: 'Ort', found: (o) => `Ort gefunden: ${o}` },
  en: { plz: 'Postcode', ort: 'Town', found: (o) => `Town found: ${o}` },
};

const SHEET = new CSSStyleSheet();
SHEET.replaceSync(`
  :host { display: block; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input { font: inherit; padding: 0.4rem; border: 2px solid #505a5f; border-radius: 0; }
  input[aria-invalid="true"] { border-color: #b10e1e; }
  input:focus { outline: 3px solid #ffbf47; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
  #plz { width: 6em; }
  .status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`);

export class AddressLookup extends HTMLElement {
  static formAssociated = true;

  #internals = this.attachInternals();
  #plz;
  #ort;
  #status;
  #lang = 'de';
  #errors = [];
  #label = '';
  hint = '';
  required = false;
  name = '';
  schema = undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    // Styles as a constructed sheet: a <style> element in the shadow root is an inline style, which a
    // site's Content-Security-Policy without 'unsafe-inline' (style-src 'self') refuses.
    root.adoptedStyleSheets = [SHEET];
    root.innerHTML = `
    <div class="row" role="group">
      <div><label for="plz"></label><input id="plz" inputmode="numeric" autocomplete="postal-code" maxlength="5"></div>
      <div><label for="ort"></label><input id="ort" autocomplete="address-level2"></div>
    </div><p class="status" role="status"></p>`;
    this.#plz = root.getElementById('plz');
    this.#ort = root.getElementById('ort');
    this.#status = root.querySelector('.status');
    root.addEventListener('input', (event) => {
      if (event.target === this.#plz && PLACES[this.#plz.value]) {
        this.#ort.value = PLACES[this.#plz.value];
        this.#status.textContent = TEXTS[this.#lang].found(this.#ort.value);
      }
      this.#sync();
    });
    root.addEventListener('change', () => this.dispatchEvent(new Event('change', { bubbles: true })));
    this.#texts();
  }

  get value() {
    const text = `${this.#plz.value.trim()} ${this.#ort.value.trim()}`.trim();
    return text === '' ? undefined : text;
  }

  set value(value) {
    // "PLZ Ort"; without digits at the start all of it is the Ort ("Bad Homburg" from a draft where
    // only the Ort was typed), so a town of several words is not split into a postcode and the rest.
    const [, plz = '', ort = ''] = /^(\d{1,5}(?=\s|$))?\s*(.*)$/.exec(typeof value === 'string' ? value : '') ?? [];
    this.#plz.value = plz;
    this.#ort.value = ort;
    this.#internals.setFormValue(this.value ?? '');
  }

  get label() {
    return this.#label;
  }
  set label(label) {
    this.#label = label ?? '';
    this.#texts();
  }

  get lang() {
    return this.#lang;
  }
  set lang(lang) {
    this.#lang = lang === 'en' ? 'en' : 'de';
    this.#texts();
  }

  get errors() {
    return this.#errors;
  }
  set errors(errors) {
    this.#errors = errors ?? [];
    for (const input of [this.#plz, this.#ort]) {
      if (this.#errors.length) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-description', this.#errors.join(' '));
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-description');
      }
    }
  }

  set readOnly(on) {
    this.#plz.readOnly = on;
    this.#ort.readOnly = on;
  }
  get readOnly() {
    return this.#plz.readOnly;
  }

  #texts() {
    const t = TEXTS[this.#lang];
    this.shadowRoot.querySelector('label[for=plz]').textContent = t.plz;
    this.shadowRoot.querySelector('label[for=ort]').textContent = t.ort;
    this.shadowRoot.querySelector('.row').setAttribute('aria-label', this.#label || `${t.plz}, ${t.ort}`);
  }

  #sync() {
    this.#internals.setFormValue(this.value ?? '');
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

if (!customElements.get('my-address-lookup')) customElements.define('my-address-lookup', AddressLookup);
