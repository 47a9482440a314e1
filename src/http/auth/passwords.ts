import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './roles.ts';

/** The hash functions Digest builds on; the `-sess` variants reuse these HA1 values. */
export type DigestHash = 'MD5' | 'SHA-256';

/** scrypt cost parameters; stored inside every hash so they can change without breaking old ones. */
export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * 2^14 × 8 uses 16 MiB and ~40 ms. Stronger settings buy nothing here: Digest forces us to keep
 * a fast MD5 HA1 beside this hash (see StoredCredential), which is far cheaper to attack, and
 * verification runs synchronously on the request path.
 */
export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 16384, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Limits for parsing a stored hash, so a corrupt or hostile record cannot make us allocate gigabytes.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * One user as stored. Digest authentication needs H(username:realm:password) (HA1) on the server,
 * and HA1 cannot be derived from a scrypt hash, so it is stored per algorithm beside the scrypt
 * hash that Basic uses. HA1 is password-equivalent for Digest: protect it like the password, and
 * recompute it (by setting the password again) whenever the realm changes.
 */
export interface StoredCredential {
  username: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
  passwordHash: string;
  /** Hex MD5(username:realm:password). */
  ha1Md5: string;
  /** Hex SHA-256(username:realm:password). */
  ha1Sha256: string;
}

/**
 * Hashes a password with scrypt and a random salt into a self-describing string.
 * @example hashPassword('pass') // 'scrypt$16384$8$1$<salt>$<hash>'
 */
export function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): string {
  const salt = randomBytes(SALT_BYTES);
  const key = scrypt(password, salt, KEY_BYTES, cost);
  if (key === undefined) throw new RangeError('invalid scrypt cost parameters');
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `passwordHash`; false (never a throw) for a malformed hash. */
export function verifyPassword(password: string, passwordHash: string): boolean {
  const parsed = parsePasswordHash(passwordHash);
  if (parsed === undefined) return false;
  const key = scrypt(password, parsed.salt, parsed.key.length, parsed.cost);
  return key !== undefined && timingSafeEqual(key, parsed.key);
}

/**
 * Hex HA1 = H(username:realm:password) for Digest (RFC 7616 section 3.4.2).
 * @example ha1('MD5', 'Mufasa', 'http-auth@example.org', 'Circle of Life')
 */
export function ha1(algorithm: DigestHash, username: string, realm: string, password: string): string {
  const name = algorithm === 'MD5' ? 'md5' : 'sha256';
  return createHash(name).update(`${username}:${realm}:${password}`, 'utf8').digest('hex');
}

/**
 * Builds the stored record for a new or changed password. Throws on a username that Basic
 * cannot carry (it may not contain ':' or control characters, RFC 7617 section 2) or a bad role.
 */
export function makeCredential(username: string, role: Role, password: string, realm: string): StoredCredential {
  if (username === '' || /[:\u0000-\u001f\u007f]/.test(username)) {
    throw new TypeError('username must be non-empty and contain no ":" or control characters');
  }
  if (!isRole(role)) throw new TypeError('role must be viewer, operator or admin');
  return {
    username,
    role,
    passwordHash: hashPassword(password),
    ha1Md5: ha1('MD5', username, realm, password),
    ha1Sha256: ha1('SHA-256', username, realm, password),
  };
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parsePasswordHash(text: string): ParsedHash | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^[0-9]{1,8}$/.test(s) ? Number(s) : NaN));
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  const cost = { N: N ?? NaN, r: r ?? NaN, p: p ?? NaN };
  if (!costInRange(cost) || salt.length < 8 || key.length < 16 || key.length > 128) return undefined;
  return { cost, salt, key };
}

function costInRange({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return powerOfTwo && N <= MAX_N && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P;
}

/** scryptSync, or undefined where node would throw (bad parameters, memory limit). */
function scrypt(password: string, salt: Buffer, length: number, cost: ScryptCost): Buffer | undefined {
  if (!costInRange(cost)) return undefined;
  // node's default maxmem (32 MiB) is below what N=2^15+ needs; allow exactly what the cost asks.
  const maxmem = 128 * cost.N * cost.r + 128 * cost.r * cost.p + 1024 * 1024;
  try {
    return scryptSync(password, salt, length, { ...cost, maxmem });
  } catch {
    return undefined;
  }
}
