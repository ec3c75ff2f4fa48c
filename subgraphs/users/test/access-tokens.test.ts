import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ManualClock, newId, Role } from '@platform/shared';
import { dataOf, errorCode, type GraphQLResult } from '../../../test/support/graphql-result';
import { testKeys } from '../../../test/support/keys';
import { UsersHarness } from '../../../test/support/users-harness';
import { claimsOf, errorMessage, HOUR, logIn, MINUTE } from './helpers';

const ISSUER = 'reward-platform/users';
const AUDIENCE = 'reward-platform';

let h: UsersHarness;
let sam: { id: string; token: string };

beforeAll(async () => {
  h = await UsersHarness.create();
  sam = await h.signUp('sam_tokens');
});
afterAll(() => h.stop());

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface MintOptions {
  payload?: Record<string, unknown>;
  key?: string;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
}

/** An ES256 token as the users service would sign it, with one thing changed. */
function mint(options: MintOptions = {}): string {
  const iat = nowSeconds();
  return jwt.sign(
    { roles: [Role.USER], sid: newId(), iat, exp: options.expiresAt ?? iat + 15 * 60, ...options.payload },
    options.key ?? testKeys().privateKey,
    { algorithm: 'ES256', issuer: options.issuer ?? ISSUER, audience: options.audience ?? AUDIENCE, subject: sam.id },
  );
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(extra: Record<string, unknown> = {}) {
  const iat = nowSeconds();
  return { sub: sam.id, roles: ['USER'], sid: newId(), iss: ISSUER, aud: AUDIENCE, iat, exp: iat + 900, ...extra };
}

const me = (token: string) => h.run<{ me: { id: string } | null }>(`{ me { id } }`, {}, token);

describe('access tokens', () => {
  test('the token from logIn carries sub, roles, sid, issuer, audience and a 15-minute expiry', async () => {
    const payload = dataOf(await logIn(h, { username: 'sam_tokens' })).logIn;
    const token = claimsOf(payload.accessToken);
    expect(token).toMatchObject({ sub: sam.id, roles: ['USER'], iss: ISSUER, aud: AUDIENCE });
    expect(token.sid).toMatch(/^[0-9a-f]{24}$/);
    expect(token.exp - token.iat).toBe(15 * 60);
    expect(new Date(token.exp * 1000).toISOString()).toBe(payload.accessTokenExpiresAt);
    // The refresh token belongs to the same session.
    expect(payload.refreshToken.startsWith(`${token.sid}.`)).toBe(true);
  });

  test('ACCESS_TOKEN_TTL_SECONDS sets the lifetime', async () => {
    const short = await UsersHarness.create({ env: { ACCESS_TOKEN_TTL_SECONDS: '60' } });
    try {
      const { token } = await short.signUp('short_lived');
      const claims = claimsOf(token);
      expect(claims.exp - claims.iat).toBe(60);
    } finally {
      await short.stop();
    }
  });

  test('a well-formed token of ours is accepted (the baseline for the refusals below)', async () => {
    expect(dataOf(await me(mint())).me).toEqual({ id: sam.id });
  });

  test('an expired token → UNAUTHENTICATED saying it expired', async () => {
    const result = await me(mint({ expiresAt: nowSeconds() - 60, payload: { iat: nowSeconds() - 16 * 60 } }));
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(errorMessage(result)).toMatch(/expired/);
    expect(result.data).toEqual({ me: null });
  });

  test('a token the service itself issued is refused once its 15 minutes are over', async () => {
    // The service signs with its clock; verification uses the real one. An hour ago, then:
    const past = await UsersHarness.create({ clock: new ManualClock(new Date(Date.now() - HOUR)) });
    try {
      const old = await past.signUp('from_the_past');
      expect(claimsOf(old.token).exp * 1000).toBeLessThan(Date.now() - 30 * MINUTE);
      const result = await past.run(`{ me { id } }`, {}, old.token);
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      expect(errorMessage(result)).toMatch(/expired/);
    } finally {
      await past.stop();
    }
  });

  test('an expired token does not stand in the way of logging in again', async () => {
    const expired = mint({ expiresAt: nowSeconds() - 60, payload: { iat: nowSeconds() - 16 * 60 } });
    const result = await h.run(`mutation { logIn(input: { username: "sam_tokens", password: "correct horse battery" }) { user { id } } }`, {}, expired);
    expect(dataOf(result)).toEqual({ logIn: { user: { id: sam.id } } });
  });

  const otherKey = () =>
    generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).privateKey;

  test.each<[string, () => string]>([
    ['signed with another key', () => mint({ key: otherKey() })],
    ['for another audience', () => mint({ audience: 'some-other-api' })],
    ['from another issuer', () => mint({ issuer: 'someone-else' })],
    ['without a session id', () => mint({ payload: { sid: undefined } })],
    ['with roles that are not a list', () => mint({ payload: { roles: 'ADMIN' } })],
    ['with a role that does not exist', () => mint({ payload: { roles: ['USER', 'SUPERUSER'] } })],
    ['with alg "none"', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims({ roles: ['ADMIN'] }))}.`],
    [
      'HS256-signed with the public key as the secret (algorithm confusion)',
      () => {
        const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims({ roles: ['ADMIN'] }))}`;
        return `${unsigned}.${createHmac('sha256', testKeys().publicKey).update(unsigned).digest('base64url')}`;
      },
    ],
    [
      'with its payload edited after signing',
      () => {
        const [header, , signature] = mint().split('.');
        return `${header}.${base64url(claims({ roles: ['ADMIN'] }))}.${signature}`;
      },
    ],
    ['that is not a JWT at all', () => 'not-a-token'],
  ])('a token %s → UNAUTHENTICATED "invalid"', async (_case, token) => {
    const result = await me(token());
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(errorMessage(result)).toBe('Access token is invalid.');
  });

  test('a forged ADMIN token cannot use admin operations', async () => {
    const forged = mint({ key: otherKey(), payload: { roles: [Role.ADMIN] } });
    const result = await h.run(`mutation($id: ID!) { setRoles(userId: $id, roles: [ADMIN]) { roles } }`, { id: sam.id }, forged);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect((await h.app.stores.users.findById(sam.id))?.roles).toEqual([Role.USER]);
  });

  test.each(['Basic c2FtOnB3', 'Bearer', 'Bearer ', `Token ${'x'.repeat(10)}`, 'Bearer a b'])('Authorization "%s" → UNAUTHENTICATED', async (authorization) => {
    const response = await h.app.apollo.executeOperation({ query: `{ me { id } }` }, { contextValue: h.app.contextFor({ authorization }) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(errorCode(response.body.singleResult as GraphQLResult)).toBe('UNAUTHENTICATED');
  });

  test('"bearer" is case-insensitive', async () => {
    const response = await h.app.apollo.executeOperation({ query: `{ me { id } }` }, { contextValue: h.app.contextFor({ authorization: `bearer ${sam.token}` }) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.data).toEqual({ me: { id: sam.id } });
  });
});
