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

type IntReader = (name: string, fallback: number, min: number, max: number) => number;

/** OWASP's minimum for Argon2id; production may not go below it. */
const OWASP_MEMORY_KIB = 19 * 1024;
const OWASP_TIME_COST = 2;
const DAY_SECONDS = 24 * 60 * 60;

/** Reads the abuse settings with `int` (which reports invalid values as config problems). */
export function abuseSettingsFromEnv(int: IntReader, production: boolean): AbuseSettings {
  const loginWindowSeconds = int('LOGIN_FAILURE_WINDOW_SECONDS', 15 * 60, 1, DAY_SECONDS);
  return {
    rateLimits: {
      loginPerUsername: { max: int('LOGIN_FAILURES_PER_USERNAME', 10, 1, 1_000_000), windowSeconds: loginWindowSeconds },
      loginPerAddress: { max: int('LOGIN_FAILURES_PER_ADDRESS', 100, 1, 10_000_000), windowSeconds: loginWindowSeconds },
      loginGlobal: { max: int('LOGIN_FAILURES_GLOBAL', 10_000, 1, 100_000_000), windowSeconds: loginWindowSeconds },
      signUpPerAddress: { max: int('SIGNUPS_PER_ADDRESS', 20, 1, 10_000_000), windowSeconds: int('SIGNUP_WINDOW_SECONDS', 60 * 60, 1, DAY_SECONDS) },
    },
    trustedProxyHops: int('TRUSTED_PROXY_HOPS', 0, 0, 10),
    passwordHashing: {
      memoryKiB: int('PASSWORD_HASH_MEMORY_KIB', OWASP_MEMORY_KIB, production ? OWASP_MEMORY_KIB : 8, 4 * 1024 * 1024),
      timeCost: int('PASSWORD_HASH_TIME_COST', OWASP_TIME_COST, production ? OWASP_TIME_COST : 1, 100),
      parallelism: 1,
    },
  };
}
