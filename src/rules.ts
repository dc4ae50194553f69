/**
 * The rules a gateway applies exactly as the form does, for servers that import the widget package
 * (`import { computeFees, FormValidator, ajvEngine } from 'ozg-form/rules'`): fees, validation of the
 * answers with Ajv (fine on a server, never loaded by a page), and the mapping of an account's claims.
 * Pure code: no DOM, no I/O.
 * @module
 */
export { computeFees, type FeeLine } from './schemas/fees.js';
export { ajvEngine } from './schemas/ajv.js';
export { FormValidator, type ValidationEngine } from './schemas/validator.js';
export type { JsonSchema, Lang } from './schemas/types.js';
export { DEFAULT_CLAIM_MAP, levelFromAcr, mapClaims, type ClaimMap } from './modules/account/claims.js';
