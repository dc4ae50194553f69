import { createContext } from '@lit/context';
import type { AuthenticationInformation } from '../../modules/submission/index.js';
import type { DraftStore } from '../../modules/drafts/draft-store.js';
import type { FormStore } from '../../schemas/store.js';
import type { Lang, StepModel } from '../../schemas/types.js';
import type { PaymentEnd } from '../events.js';

/** The draft of the application as the building blocks see it. */
export interface DraftAccess {
  /** When the restored draft was saved; undefined when nothing was restored. */
  readonly restoredAt?: Date;
  /** The id of this application (the submission's idempotency key, the login's nonce). */
  readonly applicationId: string;
  /** Writes a pending change now (before leaving for the payment provider). */
  flush(): void;
  /** Writes the draft now, changed or not: before leaving for the login, so that the application id
   * (the login's nonce) is still the same when the person comes back, even before the first answer. */
  save(): void;
  /** Forgets the draft and its files (sent: the plain answers go). */
  discard(): Promise<void>;
  /** A new application id (the gateway refused the last submission). */
  renewApplicationId(): void;
  /** Where drafts are kept, and for how many days (the records written beside them keep as many). */
  readonly storage?: DraftStore;
}

/** What a submission carries about a login (FIT-Connect metadata); its mailbox is the reply channel. */
export interface Authentication {
  authenticationInformation: AuthenticationInformation[];
  mailboxUuid?: string;
}

/** What `<ozg-form>` offers the elements inside it (submission, login bar, upload, payment …). */
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
  /** Page of `<ozg-mailbox>` the receipt links to. */
  readonly mailbox?: string;
  readonly drafts: DraftAccess;
  /** The title of a step as the form shows it. */
  stepTitle(step: StepModel, index: number): string;
  /** The login the person applied with, if any: sent in the metadata; its mailbox is the reply channel. */
  authentication(): Authentication | undefined;
  /** `<ozg-account>` tells the login (or undefined: logged out, ran out). Not in the public `ozg-login`
   * event: it holds the ID token. */
  loggedIn(authentication: Authentication | undefined): void;
  /** `<ozg-payment>` tells how the payment step ended. Not in the public `ozg-payment` event: it holds
   * the payment key. */
  paymentEnded(end: PaymentEnd): void;
  /** Reads a message to screen-reader users (the form's live region). */
  announce(message: string): void;
}

export const formContext = createContext<FormContext | undefined>(Symbol('ozg-form'));
