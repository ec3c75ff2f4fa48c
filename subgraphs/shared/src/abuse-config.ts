import type { z } from 'zod';
import { intVar } from './env-schema';

/** At most `max` events per key within `windowSeconds` from the first one. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export interface AbuseSettings {
  rateLimits: {
    /** Failed log-ins per username (guessing one account's password). */
    loginPerUsername: RateLimit;
    /** Failed log-ins per client address (spraying one password over many accounts). */
    loginPerAddress: RateLimit;
    /** Failed log-ins on the whole platform (spraying from many addresses). */
    loginGlobal: RateLimit;
    /** Sign-ups per client address (mass account creation). */
    signUpPerAddress: RateLimit;
  };
  /** How many proxies of ours (load balancers, CDN) stand in front of the gateway. */
  trustedProxyHops: number;
  /** Argon2id cost for new password hashes. */
  passwordHashing: { memoryKiB: number; timeCost: number; parallelism: number };
}

/** OWASP's minimum for Argon2id; production may not go below it. */
const OWASP_MEMORY_KIB = 19 * 1024;
const OWASP_TIME_COST = 2;
const MAX_MEMORY_KIB = 4 * 1024 * 1024;
const MAX_TIME_COST = 100;
const DAY_SECONDS = 24 * 60 * 60;

/** The abuse variables, one line each (merged into the platform's environment schema). */
export const abuseEnvShape = {
  LOGIN_FAILURE_WINDOW_SECONDS: intVar(15 * 60, 1, DAY_SECONDS),
  LOGIN_FAILURES_PER_USERNAME: intVar(10, 1, 1_000_000),
  LOGIN_FAILURES_PER_ADDRESS: intVar(100, 1, 10_000_000),
  LOGIN_FAILURES_GLOBAL: intVar(10_000, 1, 100_000_000),
  SIGNUPS_PER_ADDRESS: intVar(20, 1, 10_000_000),
  SIGNUP_WINDOW_SECONDS: intVar(60 * 60, 1, DAY_SECONDS),
  TRUSTED_PROXY_HOPS: intVar(0, 0, 10),
  // Development may go as low as 8 KiB / 1 pass (fast tests); abuseProblems holds production to OWASP.
  PASSWORD_HASH_MEMORY_KIB: intVar(OWASP_MEMORY_KIB, 8, MAX_MEMORY_KIB),
  PASSWORD_HASH_TIME_COST: intVar(OWASP_TIME_COST, 1, MAX_TIME_COST),
};

type AbuseEnv = { [K in keyof typeof abuseEnvShape]: z.output<(typeof abuseEnvShape)[K]> };

/** Rules that depend on the environment kind: production keeps OWASP's minimum hashing cost. */
export function abuseProblems(env: AbuseEnv, production: boolean): string[] {
  if (!production) return [];
  const problems: string[] = [];
  if (env.PASSWORD_HASH_MEMORY_KIB < OWASP_MEMORY_KIB) {
    problems.push(`PASSWORD_HASH_MEMORY_KIB must be an integer from ${OWASP_MEMORY_KIB} to ${MAX_MEMORY_KIB}, got "${env.PASSWORD_HASH_MEMORY_KIB}"`);
  }
  if (env.PASSWORD_HASH_TIME_COST < OWASP_TIME_COST) {
    problems.push(`PASSWORD_HASH_TIME_COST must be an integer from ${OWASP_TIME_COST} to ${MAX_TIME_COST}, got "${env.PASSWORD_HASH_TIME_COST}"`);
  }
  return problems;
}

export function abuseSettings(env: AbuseEnv): AbuseSettings {
  const loginWindowSeconds = env.LOGIN_FAILURE_WINDOW_SECONDS;
  return {
    rateLimits: {
      loginPerUsername: { max: env.LOGIN_FAILURES_PER_USERNAME, windowSeconds: loginWindowSeconds },
      loginPerAddress: { max: env.LOGIN_FAILURES_PER_ADDRESS, windowSeconds: loginWindowSeconds },
      loginGlobal: { max: env.LOGIN_FAILURES_GLOBAL, windowSeconds: loginWindowSeconds },
      signUpPerAddress: { max: env.SIGNUPS_PER_ADDRESS, windowSeconds: env.SIGNUP_WINDOW_SECONDS },
    },
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    passwordHashing: { memoryKiB: env.PASSWORD_HASH_MEMORY_KIB, timeCost: env.PASSWORD_HASH_TIME_COST, parallelism: 1 },
  };
}
