import type { ReactiveControllerHost } from 'lit';
import type { FormStore } from '../../schemas/store.js';
import type { Lang, StepModel } from '../../schemas/types.js';
import type { AccountController, AccountHost } from './account-controller.js';
import type { DraftController } from './draft-controller.js';
import type { SubmissionController, SubmissionHost } from './submission-controller.js';
import { paymentRecords, submissionRecords } from '../../modules/storage/records.js';
import type { PaymentController } from './payment-controller.js';

export interface BuildingBlockHost extends AccountHost, SubmissionHost, ReactiveControllerHost {
  readonly updateComplete: Promise<boolean>;
}

export interface BuildingBlockOptions {
  store: () => FormStore | undefined;
  lang: () => Lang;
  drafts: DraftController;
  stepTitle: (step: StepModel, index: number) => string;
  /** Show an empty form again ("Neuen Antrag stellen"). */
  restart: () => void;
  /** Back to the review page after a submission that cannot go through. */
  backToReview: () => void;
}

/**
 * The OZG building blocks a form may use beyond filling in — login with a Nutzerkonto, encrypted
 * sending with the receipt — each loaded when the form or the person needs it (Principle 3: a plain
 * form loads none of their code). Their controllers attach to the form element once loaded.
 */
export class BuildingBlocks {
  /** Login with a Nutzerkonto: only for definitions with `x-ozg.account`. */
  account?: AccountController;
  /** Encrypted sending and the receipt: on confirming, or at once when a submission is under way. */
  submission?: SubmissionController;
  private accountLoading?: Promise<AccountController>;
  private submissionLoading?: Promise<SubmissionController>;
  /** Fee lines on the review page and the payment step: only for definitions with `x-ozg.fees`. */
  payment?: PaymentController;
  private paymentLoading?: Promise<PaymentController>;
  private paymentAwaited = false;

  constructor(private readonly host: BuildingBlockHost, private readonly opts: BuildingBlockOptions) {}

  /** A form was loaded: fetch what it will need at once. */
  start(store: FormStore): void {
    if (store.model.definition['x-ozg']?.account) void this.loadAccount();
    if (this.host.gateway && submissionRecords.exists(store.model.id)) void this.loadSubmission();
    this.paymentAwaited = !!this.host.gateway && paymentRecords.awaited(store.model.id);
    if (store.model.definition['x-ozg']?.fees) void this.loadPayment();
  }

  /** True while the code of a submission under way is still arriving: show nothing rather than the form. */
  get pending(): boolean {
    return (this.submissionLoading !== undefined && this.submission === undefined)
      || (this.paymentAwaited && this.paymentLoading !== undefined && this.payment === undefined);
  }

  loadPayment(): Promise<PaymentController> {
    return (this.paymentLoading ??= import('./payment-controller.js').then(async ({ PaymentController }) => {
      const { store, lang, drafts, backToReview } = this.opts;
      this.payment = new PaymentController(this.host, {
        store, lang, drafts, backToReview,
        // Only one submission per application: not again while one is on its way or sent.
        paid: ({ data, payment }) => void this.loadSubmission().then((submission) => {
          if (submission.phase.kind === 'idle') void submission.submit(data, payment);
        }),
      });
      return this.attached(this.payment);
    }));
  }

  loadAccount(): Promise<AccountController> {
    return (this.accountLoading ??= import('./account-controller.js').then(async ({ AccountController }) => {
      const { store, lang, drafts } = this.opts;
      this.account = new AccountController(this.host, { store, lang, drafts });
      return this.attached(this.account);
    }));
  }

  loadSubmission(): Promise<SubmissionController> {
    return (this.submissionLoading ??= import('./submission-controller.js').then(async ({ SubmissionController }) => {
      this.submission = new SubmissionController(this.host, {
        ...this.opts, authentication: () => this.account?.authentication(),
        sent: () => {
          const id = this.opts.store()?.model.id;
          if (this.payment) this.payment.forget();
          else if (id) paymentRecords.forget(id);
        },
      });
      return this.attached(this.submission);
    }));
  }

  /** Whether "Weiter" and "Bestätigen" may go on (not while a required login is missing). Answers
   * at once unless the form requires a login and its code is still arriving. */
  mayProceed(): boolean | Promise<boolean> {
    if (this.account) return this.account.mayProceed();
    const settings = this.opts.store()?.model.definition['x-ozg']?.account as { login?: string } | undefined;
    if (settings?.login !== 'required' || !this.accountLoading) return true;
    return this.accountLoading.then((account) => account.mayProceed(), (error: unknown) => {
      console.error('ozg-form: the login could not be loaded', error);
      return false;
    });
  }

  /** Lets the new controller see the current form (its hostUpdate) before it is used. */
  private async attached<T>(controller: T): Promise<T> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    return controller;
  }
}
