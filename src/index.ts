/**
 * ozg-form — the script-tag entry: registers the elements and exports the public API.
 *
 *   <script type="module" src="https://cdn.example/ozg-form.js"></script>
 *   <ozg-form src="/forms/hundesteuer.json" lang="de"></ozg-form>
 */
import { defineElement, VERSION } from './components/define.js';
import { OzgForm } from './components/form/ozg-form.js';
import { OzgMailbox } from './components/mailbox/ozg-mailbox.js';

defineElement('ozg-form', OzgForm);
defineElement('ozg-mailbox', OzgMailbox);

export { OzgForm, OzgMailbox, VERSION };
export type { OzgChangeDetail, OzgErrorDetail, OzgReadyDetail, OzgStepDetail, OzgSubmitDetail } from './components/events.js';
export type { DraftStore, Draft } from './modules/drafts/draft-store.js';
export type { JsonSchema, XOzgField, XOzgRoot, StepDefinition, Lang } from './schemas/types.js';
export type { DefinitionProblem } from './schemas/check.js';
