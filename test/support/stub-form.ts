import { ContextProvider } from '@lit/context';
import { LitElement } from 'lit';
import { formContext, type FormContext } from '../../src/components/form/context.js';

/**
 * `<stub-form>`: a stand-in for `<ozg-form>` in the component tests of its building blocks (login bar,
 * payment, sending). It provides the FormContext set in `StubForm.ctx` before it is created, and its
 * children render as they are (no shadow root of its own), as they do inside `<ozg-form>`.
 */
export class StubForm extends LitElement {
  static ctx: FormContext;
  readonly provider = new ContextProvider(this, { context: formContext, initialValue: StubForm.ctx });
  protected override createRenderRoot() {
    return this;
  }
}
if (!customElements.get('stub-form')) customElements.define('stub-form', StubForm);
