import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

/** Argon2id cost: memory in KiB, passes, lanes. */
export interface Argon2idParams {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

/** The OWASP Password Storage Cheat Sheet's first choice: Argon2id, m=19 MiB, t=2, p=1. */
export const OWASP_ARGON2ID: Argon2idParams = { memoryKiB: 19 * 1024, timeCost: 2, parallelism: 1 };

/** `Algorithm.Argon2id`; the enum is a `const enum`, which isolated modules cannot inline. */
const ARGON2ID = 2 as Algorithm;

export interface PasswordCheck {
  ok: boolean;
  /** The password matched a hash of an older scheme or cost: store a fresh one. */
  needsRehash: boolean;
}

/**
 * Hashes with Argon2id (@node-rs/argon2 computes on libuv's thread pool, off the event
 * loop) and still verifies the scrypt hashes of the first release, so they can be upgraded
 * at the next successful log-in. Both formats carry their own parameters.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(readonly params: Argon2idParams = OWASP_ARGON2ID) {}

  /** PHC string: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. */
  hash(password: string): Promise<string> {
    return hash(password.normalize('NFKC'), {
      algorithm: ARGON2ID,
      memoryCost: this.params.memoryKiB,
      timeCost: this.params.timeCost,
      parallelism: this.params.parallelism,
    });
  }

  async verify(password: string, stored: string): Promise<PasswordCheck> {
    if (stored.startsWith('$argon2id$')) {
      const ok = await verify(stored, password.normalize('NFKC')).catch(() => false);
      return { ok, needsRehash: ok && !this.isCurrent(stored) };
    }
    if (stored.startsWith('scrypt$')) {
      const ok = await verifyScrypt(password, stored);
      return { ok, needsRehash: ok };
    }
    return { ok: false, needsRehash: false };
  }

  /** A real hash at today's cost, for unknown users: their log-in takes as long as a wrong password. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    return this.dummy;
  }

  private isCurrent(stored: string): boolean {
    try {
      const options = parseOptions(stored);
      return options.memoryCost === this.params.memoryKiB && options.timeCost === this.params.timeCost && options.parallelism === this.params.parallelism;
    } catch {
      return false;
    }
  }
}

// ---- scrypt, the first release's scheme: verified only, never written any more ----

const SCRYPT_KEY_LENGTH = 64;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

/**
 * The scrypt key of `password`, or null when the derivation fails. Parameters scrypt
 * refuses outright (a malformed stored hash) throw, as node:crypto does.
 */
function scryptKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer | null> {
  return new Promise((resolve) =>
    scrypt(password.normalize('NFKC'), salt, SCRYPT_KEY_LENGTH, { ...cost, maxmem: SCRYPT_MAXMEM }, (error, key) => resolve(error ? null : key)),
  );
}

/** Verifies `scrypt$N$r$p$salt$hash`. */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, expectedBase64] = stored.split('$');
  if (!salt || !expectedBase64) return false;
  const expected = Buffer.from(expectedBase64, 'base64');
  const actual = await scryptKey(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The first release's hash (scrypt N=2^14, r=8, p=1): for tests and the benchmark of the upgrade. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptKey(password, salt, { N: 16384, r: 8, p: 1 });
  if (!key) throw new Error('scrypt could not derive the legacy hash');
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}
