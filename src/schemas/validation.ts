/**
 * Validation (an interpreter, no code generation: interpret.ts) and the definition checker, in one
 * chunk that <ozg-form> loads while the definition is fetched (`src`) or right after the first render
 * (a definition given as an object): a form without conditions is shown before it arrives
 * (Principle 3: small and fast).
 */
export { checkDefinition } from './check-browser.js';
export { describeError } from './messages.js';
export { FormValidator } from './validator.js';
