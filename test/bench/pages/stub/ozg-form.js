// A stand-in <ozg-form> for checking the benchmark harness before the real element builds:
// renders the plain form into an open shadow root, fires `ozg-ready`, and validates each changed
// field 150 ms after the last input with code it loads on first use (so the harness sees a lazy chunk).
import { buildPlainForm } from '../build-plain.js';

class StubOzgForm extends HTMLElement {
  #schema;
  #timer;
  #validate;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.addEventListener('input', (event) => this.#scheduleValidation(event));
  }

  get schema() {
    return this.#schema;
  }

  set schema(value) {
    this.#schema = value;
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    if (this.#schema) this.#render();
    else if (this.getAttribute('src')) {
      fetch(this.getAttribute('src'))
        .then((r) => r.json())
        .then((definition) => (this.schema = definition));
    }
  }

  #render() {
    this.shadowRoot.replaceChildren(buildPlainForm(this.#schema));
    this.dispatchEvent(new CustomEvent('ozg-ready', { bubbles: true, composed: true }));
  }

  #scheduleValidation(event) {
    const field = event.composedPath()[0];
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      this.#validate ??= (await import('./validate.js')).validateField;
      this.#validate(field);
    }, 150);
  }
}

if (!customElements.get('ozg-form')) customElements.define('ozg-form', StubOzgForm);
