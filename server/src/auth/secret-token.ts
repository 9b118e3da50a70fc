import { createHash, randomBytes } from 'node:crypto';

/** Prefix of API tokens, so a leaked one is recognisable (and secret scanners can find it). */
export const apiTokenPrefix = 'wm_';

/** A new random session id (256 bits). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API token, `wm_` + 256 random bits. */
export function newApiToken(): string {
  return `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored instead of a session id or API token. A plain SHA-256 suffices: the input has
 * 256 bits of entropy, so there is nothing to brute-force, and lookups stay one index probe.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
