/**
 * Defines an element when the page first uses it: at once when it is in the document already, else
 * when it is added (watching the page's own DOM only, so the form's shadow trees cost nothing).
 * Pages without it never load its code.
 */
export function defineWhenUsed(name: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(name)) return;
  let started = false;
  const start = (): boolean => {
    if (started || !document.getElementsByTagName(name).length) return started;
    started = true;
    observer.disconnect();
    load().catch((error: unknown) => console.error(`ozg-form: <${name}> could not be loaded`, error));
    return true;
  };
  const observer = new MutationObserver(() => void start());
  if (!start()) observer.observe(document, { childList: true, subtree: true });
}
