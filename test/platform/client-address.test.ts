import { addressBucket, CLIENT_ADDRESS_HEADER, clientAddress, ConfigError, loadConfig, normalizeAddress, SERVICE_TOKEN_HEADER, trustedChain, vouchedClientAddress } from '@platform/shared';
import { testKeys } from '../support/keys';

describe('clientAddress', () => {
  const xff = (value: string) => ({ 'x-forwarded-for': value });

  test('with no trusted proxy the socket peer is the client, whatever X-Forwarded-For claims', () => {
    expect(clientAddress({}, '203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress(xff('198.51.100.1'), '203.0.113.9', 0)).toBe('203.0.113.9');
  });

  test('each trusted hop moves one entry to the left; entries beyond them are the client\'s own', () => {
    const headers = xff('6.6.6.6, 198.51.100.1, 10.0.0.2');
    expect(clientAddress(headers, '10.0.0.3', 1)).toBe('10.0.0.2');
    expect(clientAddress(headers, '10.0.0.3', 2)).toBe('198.51.100.1');
    expect(clientAddress(headers, '10.0.0.3', 3)).toBe('6.6.6.6');
    // Fewer entries than trusted hops: the left-most is all there is.
    expect(clientAddress(headers, '10.0.0.3', 9)).toBe('6.6.6.6');
  });

  test('repeated headers join in order; blanks are ignored', () => {
    expect(clientAddress({ 'x-forwarded-for': ['198.51.100.1', ' , 10.0.0.2'] }, '10.0.0.3', 2)).toBe('198.51.100.1');
    expect(clientAddress(new Map([['x-forwarded-for', '198.51.100.4']]), '10.0.0.3', 1)).toBe('198.51.100.4');
  });

  test('IPv4 on a dual-stack socket is plain IPv4; a garbage entry where the client should be falls back to the peer', () => {
    expect(clientAddress({}, '::ffff:203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress(xff('not-an-ip'), '10.0.0.3', 1)).toBe('10.0.0.3');
    expect(clientAddress({}, undefined, 1)).toBeNull();
  });

  test('the chain the gateway forwards leads a subgraph that trusts one more hop to the same client', () => {
    const atGateway = trustedChain(xff('6.6.6.6, 198.51.100.1'), '10.0.0.2', 1);
    expect(atGateway).toEqual(['198.51.100.1', '10.0.0.2']);
    expect(clientAddress(xff(atGateway.join(', ')), '127.0.0.1', 2)).toBe('198.51.100.1');
    expect(clientAddress(xff(trustedChain({}, '203.0.113.9', 0).join(', ')), '127.0.0.1', 1)).toBe('203.0.113.9');
  });

  test('normalizeAddress accepts IP addresses only', () => {
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeAddress('203.0.113.9:443')).toBeNull();
    expect(normalizeAddress('')).toBeNull();
  });

  test('IPv6 addresses share a bucket per /64; IPv4 addresses each have their own', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('abuse settings', () => {
  const keys = { JWT_PUBLIC_KEY: testKeys().publicKey };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...keys, ...env });
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };

  test('defaults: 10 failures per username, 100 per address, 10,000 on the platform per 15 minutes; 20 sign-ups per address an hour; OWASP Argon2id', () => {
    expect(loadConfig(keys).abuse).toEqual({
      rateLimits: {
        loginPerUsername: { max: 10, windowSeconds: 900 },
        loginPerAddress: { max: 100, windowSeconds: 900 },
        loginGlobal: { max: 10_000, windowSeconds: 900 },
        signUpPerAddress: { max: 20, windowSeconds: 3600 },
      },
      trustedProxyHops: 0,
      passwordHashing: { memoryKiB: 19456, timeCost: 2, parallelism: 1 },
    });
  });

  test('every limit is set by its variable', () => {
    const abuse = loadConfig({
      ...keys,
      LOGIN_FAILURES_PER_USERNAME: '5',
      LOGIN_FAILURES_PER_ADDRESS: '50',
      LOGIN_FAILURES_GLOBAL: '500',
      LOGIN_FAILURE_WINDOW_SECONDS: '600',
      SIGNUPS_PER_ADDRESS: '3',
      SIGNUP_WINDOW_SECONDS: '86400',
      TRUSTED_PROXY_HOPS: '2',
    }).abuse;
    expect(abuse.rateLimits).toEqual({
      loginPerUsername: { max: 5, windowSeconds: 600 },
      loginPerAddress: { max: 50, windowSeconds: 600 },
      loginGlobal: { max: 500, windowSeconds: 600 },
      signUpPerAddress: { max: 3, windowSeconds: 86400 },
    });
    expect(abuse.trustedProxyHops).toBe(2);
  });

  test('nonsense values are start-up errors', () => {
    const problems = problemsOf({ LOGIN_FAILURES_PER_USERNAME: '0', TRUSTED_PROXY_HOPS: '-1', SIGNUP_WINDOW_SECONDS: 'soon' }).join('\n');
    expect(problems).toMatch(/LOGIN_FAILURES_PER_USERNAME must be an integer/);
    expect(problems).toMatch(/TRUSTED_PROXY_HOPS must be an integer from 0 to 10/);
    expect(problems).toMatch(/SIGNUP_WINDOW_SECONDS must be an integer/);
  });

  test('production may not hash below OWASP\'s minimum; development and tests may', () => {
    const cheap = { PASSWORD_HASH_MEMORY_KIB: '64', PASSWORD_HASH_TIME_COST: '1' };
    expect(loadConfig({ ...keys, ...cheap }).abuse.passwordHashing).toEqual({ memoryKiB: 64, timeCost: 1, parallelism: 1 });
    const problems = problemsOf({ NODE_ENV: 'production', SERVICE_SECRET: 'x'.repeat(40), ...cheap }).join('\n');
    expect(problems).toMatch(/PASSWORD_HASH_MEMORY_KIB must be an integer from 19456/);
    expect(problems).toMatch(/PASSWORD_HASH_TIME_COST must be an integer from 2/);
  });
});

describe('vouchedClientAddress', () => {
  const secret = 'the-service-secret';

  test("the gateway's client address counts only with the service credential, and only when it is an IP address", () => {
    expect(vouchedClientAddress({ [CLIENT_ADDRESS_HEADER]: '203.0.113.7', [SERVICE_TOKEN_HEADER]: secret }, secret)).toBe('203.0.113.7');
    expect(vouchedClientAddress({ [CLIENT_ADDRESS_HEADER]: '::ffff:203.0.113.7', [SERVICE_TOKEN_HEADER]: secret }, secret)).toBe('203.0.113.7');
    // Forged by a caller that is not the gateway: ignored.
    expect(vouchedClientAddress({ [CLIENT_ADDRESS_HEADER]: '203.0.113.7' }, secret)).toBeNull();
    expect(vouchedClientAddress({ [CLIENT_ADDRESS_HEADER]: '203.0.113.7', [SERVICE_TOKEN_HEADER]: 'guess' }, secret)).toBeNull();
    expect(vouchedClientAddress({ [CLIENT_ADDRESS_HEADER]: 'not-an-ip', [SERVICE_TOKEN_HEADER]: secret }, secret)).toBeNull();
    expect(vouchedClientAddress({ [SERVICE_TOKEN_HEADER]: secret }, secret)).toBeNull();
  });
});

describe('addresses with a port', () => {
  test('a proxy that writes "address:port" into X-Forwarded-For (Azure Application Gateway) still names the client', () => {
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.7:51234' }, '10.0.0.3', 1)).toBe('203.0.113.7');
    expect(clientAddress({ 'x-forwarded-for': '[2001:db8::7]:51234' }, '10.0.0.3', 1)).toBe('2001:db8::7');
    expect(clientAddress({ 'x-forwarded-for': '[2001:db8::7]' }, '10.0.0.3', 1)).toBe('2001:db8::7');
    // Not an address with a port: still the peer.
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.7:port' }, '10.0.0.3', 1)).toBe('10.0.0.3');
    expect(clientAddress({ 'x-forwarded-for': 'example.com:80' }, '10.0.0.3', 1)).toBe('10.0.0.3');
  });
});
