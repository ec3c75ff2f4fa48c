import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Development only: an ES256 key pair generated once into .dev-keys/ (git-ignored), so
 * tokens survive restarts of `npm start`. Production passes JWT_* keys in the environment.
 */
export function devKeyPair(dir: string): { publicKey: string; privateKey: string } {
  const publicPath = join(dir, 'jwt-public.pem');
  const privatePath = join(dir, 'jwt-private.pem');
  if (existsSync(publicPath) && existsSync(privatePath)) {
    return { publicKey: readFileSync(publicPath, 'utf8'), privateKey: readFileSync(privatePath, 'utf8') };
  }
  const pair = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(publicPath, pair.publicKey);
  writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
  return pair;
}
