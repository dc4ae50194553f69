/**
 * What `<ozg-form>` needs to know about the login, without loading it: whether a form offers one,
 * loading and defining `<ozg-account>` on first need (Principle 3: a plain form loads none of its
 * code), and asking it before "Weiter".
 */
import type { FormStore } from '../../schemas/store.js';
import { defineElement } from '../define.js';

let loading: Promise<void> | undefined;

/** Whether the form's definition offers a login (`x-ozg.account`). */
export function offersLogin(store: FormStore | undefined): boolean {
  return !!store?.model.definition['x-ozg']?.account;
}

/** Loads and defines `<ozg-account>` (once). */
export function loadLoginBar(): Promise<void> {
  return (loading ??= import('./ozg-account.js').then(({ OzgAccount }) => defineElement('ozg-account', OzgAccount)));
}

/** Whether "Weiter" and "Bestätigen" may go on: not while a required login is missing. Waits for the
 * login bar's code only when the form requires a login. */
export async function loginAllows(root: ParentNode, store: FormStore | undefined): Promise<boolean> {
  const settings = store?.model.definition['x-ozg']?.account as { login?: string } | undefined;
  const element = root.querySelector('ozg-account');
  if (!settings || !element) return true;
  if (settings.login === 'required') {
    try {
      await loadLoginBar();
    } catch (error) {
      console.error('ozg-form: the login could not be loaded', error);
      return false;
    }
  }
  if (!customElements.get('ozg-account')) return true;
  const bar = element as import('./ozg-account.js').OzgAccount;
  await bar.updateComplete;
  return bar.mayProceed();
}
