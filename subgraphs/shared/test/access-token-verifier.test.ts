import { generateKeyPairSync } from 'node:crypto';
import { AccessTokenSigner, AccessTokenVerifier, Role } from '../src';

/**
 * The verifier remembers tokens whose signature it checked; a remembered token must still
 * expire on time and hand out claims a caller cannot alter for the next request.
 */
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const settings = { issuer: 'test-issuer', audience: 'test-audience', algorithm: 'ES256' as const };
const signer = new AccessTokenSigner(keys.privateKey, settings, 60);
const claims = { sub: 'user-1', sid: 'session-1', roles: [Role.USER] };

afterEach(() => jest.useRealTimers());

test('a token verified before is refused once it expires', () => {
  const start = new Date('2030-01-01T00:00:00Z');
  jest.useFakeTimers({ now: start });
  const verifier = new AccessTokenVerifier(keys.publicKey, settings);
  const { token } = signer.sign(claims, start);
  expect(verifier.verify(token)).toEqual(claims);
  jest.setSystemTime(start.getTime() + 59_000);
  expect(verifier.verify(token)).toEqual(claims);
  jest.setSystemTime(start.getTime() + 60_000);
  expect(() => verifier.verify(token)).toThrow('Access token expired');
});

test('claims handed out cannot change what the next verification returns', () => {
  const verifier = new AccessTokenVerifier(keys.publicKey, settings);
  const { token } = signer.sign(claims, new Date());
  const first = verifier.verify(token);
  first.roles.push(Role.ADMIN);
  expect(verifier.verify(token).roles).toEqual([Role.USER]);
});

test('a token altered by one character is refused even when the original was verified', () => {
  const verifier = new AccessTokenVerifier(keys.publicKey, settings);
  const { token } = signer.sign(claims, new Date());
  verifier.verify(token);
  const tampered = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
  expect(() => verifier.verify(tampered)).toThrow('Access token is invalid');
});
