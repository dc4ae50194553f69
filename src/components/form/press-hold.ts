import type { FormStore } from '../../schemas/store.js';

/**
 * A press inside the form: errors of a field it leaves wait until the press has ended and its click
 * has run (the next task), so "Weiter" or "hinzufügen" does not move away from under the pointer.
 */
export function holdErrorsWhilePressed(form: HTMLElement, store: () => FormStore | undefined): void {
  const ends = ['pointerup', 'pointercancel', 'blur'] as const;
  form.addEventListener(
    'pointerdown',
    (event) => {
      const current = store();
      if (!event.isPrimary || !current) return;
      const release = current.holdTouches();
      const end = () => {
        for (const type of ends) removeEventListener(type, end, true);
        setTimeout(release);
      };
      for (const type of ends) addEventListener(type, end, true);
    },
    true,
  );
}
