// Nutzerkonto building block: OpenID Connect login (Code + PKCE), trust levels, prefill. No side effects on import.
export {
  AccountService,
  type AccountConfig,
  type AccountDeps,
  type AccountSession,
  type KeyValueStorage,
  type LoginOptions,
} from './service.js';
export { AccountError, type AccountErrorCode, type IdTokenProblem } from './errors.js';
export {
  CLAIM_NS,
  DEFAULT_ACR_VALUES,
  DEFAULT_CLAIM_MAP,
  LEVEL_LABELS,
  TRUST_LEVELS,
  accountKind,
  authenticationInformation,
  getPath,
  isVerified,
  levelFromAcr,
  levelRank,
  mapClaims,
  prefillFromClaims,
  prefillMappingFromSchema,
  type AccountKind,
  type ClaimMap,
  type TrustLevel,
} from './claims.js';
export { pkceChallenge, randomToken, base64url } from './pkce.js';
export {
  loadAccountConfig,
  isMisconfiguration,
  type AccountConfigProblem,
  type AccountConfigResult,
  type ServerAccountConfig,
} from './config.js';
export { ExpiryTimer, expiryState, systemClock, WARN_BEFORE_MS, type Clock, type ExpiryState } from './expiry.js';
export { AccountLogin, displayName, pageUrl, prefillMapping, type AccountSettings, type LoginStart } from './login.js';
