import { createContext } from '@lit/context';
import type { FormStore } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';

/** What `<ozg-form>` offers the elements inside it (login bar, upload, payment …). */
export interface FormContext {
  store: FormStore;
  element: HTMLElement;
  /** The language of the moment. */
  readonly lang: Lang;
  /** The id of this application, kept with the draft: the submission's idempotency key and the
   * login's nonce are derived from it. */
  readonly applicationId: string;
  /** Base URL of the gateway API, when the form sends through one. */
  readonly gateway?: string;
  /** Reads a message to screen-reader users (the form's live region). */
  announce(message: string): void;
}

export const formContext = createContext<FormContext | undefined>(Symbol('ozg-form'));
