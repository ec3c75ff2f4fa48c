import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from './errors';
import { isRole, type Role } from './roles';

export type JwtAlgorithm = 'ES256' | 'RS256';

export interface AccessClaims {
  sub: string;
  roles: Role[];
  sid: string;
}

export interface TokenSettings {
  issuer: string;
  audience: string;
  algorithm: JwtAlgorithm;
}

/** ES256 for a P-256 EC key, RS256 for an RSA key; anything else is refused at start-up. */
export function algorithmForKey(pem: string): JwtAlgorithm {
  const key: KeyObject = createPublicKey(pem);
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new Error(`JWT keys must be EC P-256 (ES256) or RSA (RS256), got ${key.asymmetricKeyType ?? 'unknown'}`);
}

/** Tokens whose signature was checked, remembered per process (a client sends its token on every request). */
const VERIFIED_CACHE_SIZE = 10_000;

/** Verifies access tokens with the public key only; algorithm, issuer and audience pinned. */
export class AccessTokenVerifier {
  /** Parsed once: handing jsonwebtoken the PEM string re-parses it on every verification. */
  private readonly publicKey: KeyObject;
  /**
   * Exact token string → its claims and expiry. The signature of a given string verifies
   * the same way every time, so it is checked once; expiry is still checked on every use.
   * Sessions (logOut, revokeSessions) are checked elsewhere and are unaffected.
   */
  private readonly verified = new LRUCache<string, { claims: AccessClaims; expiresAtMs: number }>({ max: VERIFIED_CACHE_SIZE });

  constructor(
    publicKeyPem: string,
    private readonly settings: TokenSettings,
  ) {
    this.publicKey = createPublicKey(publicKeyPem);
  }

  verify(token: string): AccessClaims {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return { ...known.claims, roles: [...known.claims.roles] };
      this.verified.delete(token);
    }
    const { claims, expiresAtMs } = this.verifySignature(token);
    this.verified.set(token, { claims, expiresAtMs });
    return { ...claims, roles: [...claims.roles] };
  }

  private verifySignature(token: string): { claims: AccessClaims; expiresAtMs: number } {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.publicKey, {
        algorithms: [this.settings.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw unauthenticated('Access token expired: refresh the session.');
      throw unauthenticated('Access token is invalid.');
    }
    if (typeof payload === 'string') throw unauthenticated('Access token is invalid.');
    const { sub, sid, roles, exp } = payload as { sub?: unknown; sid?: unknown; roles?: unknown; exp?: unknown };
    if (typeof sub !== 'string' || typeof sid !== 'string' || !Array.isArray(roles) || !roles.every(isRole) || typeof exp !== 'number') {
      throw unauthenticated('Access token is invalid.');
    }
    return { claims: { sub, sid, roles }, expiresAtMs: exp * 1000 };
  }
}

/** Signs access tokens; only the users subgraph holds the private key. */
export class AccessTokenSigner {
  /** Parsed once, like the verifier's public key. */
  private readonly privateKey: KeyObject;

  constructor(
    privateKeyPem: string,
    private readonly settings: TokenSettings,
    private readonly ttlSeconds: number,
  ) {
    this.privateKey = createPrivateKey(privateKeyPem);
  }

  sign(claims: AccessClaims, now: Date): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAtSeconds = issuedAt + this.ttlSeconds;
    const token = jwt.sign({ roles: claims.roles, sid: claims.sid, iat: issuedAt, exp: expiresAtSeconds }, this.privateKey, {
      algorithm: this.settings.algorithm,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      subject: claims.sub,
    });
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }
}
