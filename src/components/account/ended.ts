/**
 * How the page was left for the provider's logout: "Abmelden" (`out`) or "Daten auf diesem Gerät
 * löschen" (`forgotten`). The person comes back to a fresh page; without this it would not say what
 * happened. Kept in sessionStorage (this tab only, a word and no personal data) and read once.
 */
export type Ended = 'out' | 'forgotten';

const KEY = 'ozg-account:ended';

export function rememberEnded(how: Ended): void {
  try {
    sessionStorage.setItem(KEY, how);
  } catch {
    /* storage off: the page after the logout just does not say it */
  }
}

/** How the page was left, once; undefined when it was not for a logout. */
export function takeEnded(): Ended | undefined {
  try {
    const how = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return how === 'out' || how === 'forgotten' ? how : undefined;
  } catch {
    return undefined;
  }
}
