import type { IncomingMessage } from 'node:http';
import { trustedChain } from '@platform/shared';

/**
 * The X-Forwarded-For the gateway sends to the subgraphs: the client as the gateway sees it
 * (behind `trustedProxyHops` proxies of ours), then those proxies, then the gateway's own
 * peer. Entries the client wrote itself are dropped, so a subgraph that trusts one more hop
 * (the gateway) finds the same client address.
 */
export function forwardedForSubgraphs(request: IncomingMessage, trustedProxyHops: number): string | undefined {
  const chain = trustedChain(request.headers, request.socket.remoteAddress, trustedProxyHops);
  return chain.length > 0 ? chain.join(', ') : undefined;
}

/** The client's address as the gateway sees it (the first entry of the chain above). */
export function clientAddressOf(forwardedFor: string | undefined): string | undefined {
  return forwardedFor?.split(',')[0]?.trim() || undefined;
}
