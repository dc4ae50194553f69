/**
 * What the login bar keeps across the provider's logout page, none of it personal data:
 * - how the page was left for it: "Abmelden" (`out`) or "Daten auf diesem Gerät löschen" (`forgotten`),
 *   so that the fresh page it returns to says what was done (sessionStorage: this tab, read once);
 * - that the next login from this browser must ask for the account again (`prompt=login`), in
 *   localStorage (it outlives the tab): the person may have gone back from the provider's logout page,
 *   said "stay logged in" there, or deleted the data in a tab that did not know the login, and the
 *   provider's session would otherwise let the next person at a shared computer in without asking.
 */
export type Ended = 'out' | 'forgotten';

const ENDED = 'ozg-account:ended';
const ASK_AGAIN = 'ozg-account:ask-again';

/** Storage calls that may throw (off, full). localStorage here not through storage/local.ts, "the one
 * wrapper": its functions are the entry's, and new exports for this chunk cost budget bytes. */
function attempt<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined; // storage off: the page after the logout just does not say it
  }
}

export function rememberEnded(how: Ended): void {
  attempt(() => sessionStorage.setItem(ENDED, how));
}

/** How the page was left, once; undefined when it was not for a logout. */
export function takeEnded(): Ended | undefined {
  const how = attempt(() => sessionStorage.getItem(ENDED));
  attempt(() => sessionStorage.removeItem(ENDED));
  return how === 'out' || how === 'forgotten' ? how : undefined;
}

/** The next login from this browser asks for the account again (`on`), or no longer (`false`: done). */
export function askAgain(on: boolean): void {
  attempt(() => (on ? localStorage.setItem(ASK_AGAIN, '1') : localStorage.removeItem(ASK_AGAIN)));
}

export const mustAskAgain = (): boolean => attempt(() => localStorage.getItem(ASK_AGAIN)) === '1';

/** How long "Daten auf diesem Gerät löschen" waits for the form's deletion before the provider's logout. */
const DELETION_TIMEOUT_MS = 10_000;

/** True once the form has deleted its data (it shows its first step again: `ozg-step`); false when that
 * did not happen in time (the deletion failed): then the page is not left. */
export function formDeleted(form: HTMLElement): Promise<boolean> {
  return new Promise((done) => {
    const finished = () => {
      clearTimeout(timer);
      done(true);
    };
    const timer = setTimeout(() => {
      form.removeEventListener('ozg-step', finished);
      done(false);
    }, DELETION_TIMEOUT_MS);
    form.addEventListener('ozg-step', finished, { once: true });
  });
}
