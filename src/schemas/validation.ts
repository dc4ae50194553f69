/**
 * Everything that needs Ajv, in one chunk that <ozg-form> loads while the definition is fetched:
 * a form without conditions is shown before it arrives (Principle 3: small and fast).
 */
export { checkDefinition } from './check.js';
export { describeError } from './messages.js';
export { FormValidator } from './validator.js';
