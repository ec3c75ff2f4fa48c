import { generateKeyPairSync } from 'node:crypto';

/** A fresh ES256 key pair (PEM) for one benchmark run's services. */
export function benchKeys(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}
