import { isIP } from 'node:net';
import { isServiceCall, type Headers } from './auth-context';

/**
 * Who is calling, for per-address rate limits. `X-Forwarded-For` is written by the client
 * first and then appended to by each proxy, so only its right-most entries can be trusted:
 * as many as there are proxies of ours in front of the service (`TRUSTED_PROXY_HOPS`).
 * Anything further left is whatever the client chose to send.
 */

function forwardedFor(headers: Headers): string[] {
  const raw = headers instanceof Map ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((entry) => withoutPort(entry.trim()))
    .filter((entry) => entry !== '');
}

/**
 * Some proxies (Azure Application Gateway) write "203.0.113.7:51234" or "[2001:db8::7]:443":
 * unrecognised, the entry would fall back to the proxy's own address for every client.
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return v4WithPort?.[1] ?? entry;
}

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) is 1.2.3.4; anything not an IP address is null. */
export function normalizeAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain.toLowerCase() : null;
}

/**
 * The chain from the client to us: the trusted part of X-Forwarded-For, then the socket's
 * peer. The first entry is the client; the others are our proxies.
 */
export function trustedChain(headers: Headers, socketAddress: string | undefined, trustedHops: number): string[] {
  const peer = normalizeAddress(socketAddress);
  if (!peer) return [];
  const chain = [...forwardedFor(headers), peer];
  const start = Math.max(0, chain.length - 1 - trustedHops);
  const client = normalizeAddress(chain[start]);
  // A trusted proxy never writes garbage there; if it did, the peer is the best we know.
  return client ? [client, ...chain.slice(start + 1).map((entry) => normalizeAddress(entry) ?? entry)] : [peer];
}

/** The client's IP address, or null when there is no socket (in-process calls). */
export function clientAddress(headers: Headers, socketAddress: string | undefined, trustedHops: number): string | null {
  return trustedChain(headers, socketAddress, trustedHops)[0] ?? null;
}

/**
 * The bucket an address is counted in: IPv4 addresses alone, IPv6 addresses by their /64
 * network, since one subscriber usually holds a whole /64 and could rotate through it.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/**
 * The client address the gateway vouches for, sent next to its service credential. Users
 * instances behind a balancer that appends to X-Forwarded-For (Envoy, Traefik, HAProxy's
 * `option forwardfor`) would otherwise take the gateway's own address for every client, and
 * all players would share one sign-up and log-in budget.
 */
export const CLIENT_ADDRESS_HEADER = 'x-platform-client-address';

/** The address in CLIENT_ADDRESS_HEADER when the request carries the service credential; otherwise null. */
export function vouchedClientAddress(headers: Headers, serviceSecret: string): string | null {
  if (!isServiceCall(headers, serviceSecret)) return null;
  const raw = headers instanceof Map ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return normalizeAddress(Array.isArray(raw) ? raw[0] : raw);
}
