import type { ReactiveControllerHost } from 'lit';
import type { FormStore } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';
import type { AccountController, AccountHost } from './account-controller.js';
import type { DraftController } from './draft-controller.js';

export interface BuildingBlockHost extends AccountHost, ReactiveControllerHost {
  readonly updateComplete: Promise<boolean>;
}

export interface BuildingBlockOptions {
  store: () => FormStore | undefined;
  lang: () => Lang;
  drafts: DraftController;
}

/**
 * The OZG building blocks a form may use beyond filling in — login with a Nutzerkonto, encrypted
 * sending with the receipt — each loaded when the form or the person needs it (Principle 3: a plain
 * form loads none of their code). Their controllers attach to the form element once loaded.
 */
export class BuildingBlocks {
  /** Login with a Nutzerkonto: only for definitions with `x-ozg.account`. */
  account?: AccountController;
  private accountLoading?: Promise<AccountController>;

  constructor(
    private readonly host: BuildingBlockHost,
    private readonly opts: BuildingBlockOptions,
  ) {}

  /** A form was loaded: fetch what it will need at once. */
  start(store: FormStore): void {
    if (store.model.definition['x-ozg']?.account) void this.loadAccount();
  }

  loadAccount(): Promise<AccountController> {
    return (this.accountLoading ??= import('./account-controller.js').then(async ({ AccountController }) => {
      const { store, lang, drafts } = this.opts;
      this.account = new AccountController(this.host, { store, lang, drafts });
      return this.attached(this.account);
    }));
  }

  /** Whether "Weiter" and "Bestätigen" may go on (not while a required login is missing). Answers
   * at once unless the form requires a login and its code is still arriving. */
  mayProceed(): boolean | Promise<boolean> {
    if (this.account) return this.account.mayProceed();
    const settings = this.opts.store()?.model.definition['x-ozg']?.account as { login?: string } | undefined;
    if (settings?.login !== 'required' || !this.accountLoading) return true;
    return this.accountLoading.then(
      (account) => account.mayProceed(),
      (error: unknown) => {
        console.error('ozg-form: the login could not be loaded', error);
        return false;
      },
    );
  }

  /** Lets the new controller see the current form (its hostUpdate) before it is used. */
  private async attached<T>(controller: T): Promise<T> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    return controller;
  }
}
