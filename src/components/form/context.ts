import { createContext } from '@lit/context';
import type { FormStore } from '../../schemas/store.js';

/** What `<ozg-form>` offers the elements inside it (login bar, upload, payment …). */
export interface FormContext {
  store: FormStore;
  element: HTMLElement;
}

export const formContext = createContext<FormContext | undefined>(Symbol('ozg-form'));
