/**
 * ozg-form — the script-tag entry: registers the elements and exports the public API.
 *
 *   <script type="module" src="https://cdn.example/ozg-form.js"></script>
 *   <ozg-form src="/forms/hundesteuer.json" lang="de"></ozg-form>
 *
 * `<ozg-mailbox>` (status, messages, Bescheid) is defined by the same script, but its code is loaded
 * only by a page that contains one.
 *
 * With a bundler, importing this module is what registers the elements. Import it for its effect;
 * the classes are for types. A type-only import (`import type { OzgForm } from 'ozg-form'`, or a
 * value import TypeScript elides because it is used only in types) registers nothing, and ozg-form
 * cannot warn about that: none of its code runs.
 *
 * @example
 * ```ts
 * import 'ozg-form';
 * import type { OzgForm } from 'ozg-form';
 *
 * await customElements.whenDefined('ozg-form');
 * const form = document.querySelector<OzgForm>('ozg-form')!;
 * ```
 */
import { defineElement, VERSION } from './components/define.js';
import { OzgForm } from './components/form/ozg-form.js';
import { defineWhenUsed } from './components/lazy-define.js';
import { loadStorageEarly } from './modules/storage/local.js';
import { sweepExpired } from './modules/drafts/draft-store.js';

defineElement('ozg-form', OzgForm);
// localStorage is read before the first render, by the sweep of what any form kept past its days.
loadStorageEarly(sweepExpired);
defineWhenUsed('ozg-mailbox', () =>
  import('./components/mailbox/ozg-mailbox.js').then(({ OzgMailbox }) => defineElement('ozg-mailbox', OzgMailbox)),
);

export { OzgForm, VERSION };
export type { OzgMailbox } from './components/mailbox/ozg-mailbox.js';
export type {
  OzgChangeDetail,
  OzgErrorDetail,
  OzgReadyDetail,
  OzgStepDetail,
  OzgSubmitDetail,
} from './components/events.js';
export type { DraftStore, Draft } from './modules/drafts/draft-store.js';
export type { JsonSchema, XOzgField, XOzgRoot, StepDefinition, Lang } from './schemas/types.js';
export type { DefinitionProblem } from './schemas/check.js';
/** The contract of a custom widget (`x-ozg.widget: "my-element"`): docs/authoring.md. */
export type { OzgWidgetElement } from './components/fields/custom.js';
