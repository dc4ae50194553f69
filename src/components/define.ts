declare const __OZG_VERSION__: string;

/** The version of this copy of ozg-form (set by the build). */
export const VERSION: string = typeof __OZG_VERSION__ === 'string' ? __OZG_VERSION__ : 'dev';

type Versioned = CustomElementConstructor & { ozgVersion?: string };

/**
 * Registers an element once. A page may load two copies of the bundle: the second registration is
 * silent when the versions agree and warns (naming both) when they do not; it never throws.
 */
export function defineElement(name: string, ctor: CustomElementConstructor, version: string = VERSION): void {
  const existing = customElements.get(name) as Versioned | undefined;
  if (existing) {
    if (existing.ozgVersion !== version) {
      console.warn(
        `ozg-form: <${name}> is already defined by version ${existing.ozgVersion ?? 'unknown'}; version ${version} is not registered again.`,
      );
    }
    return;
  }
  (ctor as Versioned).ozgVersion = version;
  customElements.define(name, ctor);
}
