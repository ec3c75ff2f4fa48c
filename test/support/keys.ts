import { generateKeyPairSync } from 'node:crypto';

let pair: { publicKey: string; privateKey: string } | undefined;

/** One ES256 key pair per test process. */
export function testKeys() {
  pair ??= generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return pair;
}
