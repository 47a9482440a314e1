/**
 * HTTP authentication for auxio: users and roles, Basic and Digest (RFC 7617, RFC 7616) with
 * stateless nonces and replay protection, and a per-address login throttle. Framework independent.
 */
export { Authenticator } from './authenticator.ts';
export type {
  AuthenticatedUser,
  AuthenticatorOptions,
  AuthFailureReason,
  AuthRequest,
  AuthResult,
  UserLookup,
} from './authenticator.ts';
export { MAX_AUTHORIZATION_LENGTH } from './auth-params.ts';
export { buildBasicChallenge, parseBasicAuthorization } from './basic.ts';
export type { BasicCredentials, BasicParseResult } from './basic.ts';
export { systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export {
  buildDigestChallenge,
  computeDigestResponse,
  DIGEST_ALGORITHMS,
  digestHashOf,
  isDigestAlgorithm,
  parseDigestAuthorization,
  verifyDigestResponse,
} from './digest.ts';
export type {
  DigestAlgorithm,
  DigestChallenge,
  DigestCredentials,
  DigestParseResult,
  DigestResponseInput,
} from './digest.ts';
export { DEFAULT_NONCE_LIFETIME_MS, NonceSigner } from './digest-nonce.ts';
export type { NonceCheck, NonceSignerOptions } from './digest-nonce.ts';
export { LoginThrottle } from './login-throttle.ts';
export type { LoginThrottleOptions } from './login-throttle.ts';
export { NonceCounts } from './nonce-counts.ts';
export type { NonceCountCheck } from './nonce-counts.ts';
export { DEFAULT_SCRYPT_COST, ha1, hashPassword, makeCredential, verifyPassword } from './passwords.ts';
export type { DigestHash, ScryptCost, StoredCredential } from './passwords.ts';
export { isRole, roleAllows, ROLES } from './roles.ts';
export type { Role } from './roles.ts';
