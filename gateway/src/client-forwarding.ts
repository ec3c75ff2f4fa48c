import type { IncomingMessage } from 'node:http';
import { trustedChain } from '@platform/shared';

/** Who a client request came from, as the gateway tells the subgraphs. */
export interface SubgraphForwarding {
  /**
   * The X-Forwarded-For the gateway sends to the subgraphs: the client as the gateway sees it
   * (behind `trustedProxyHops` proxies of ours), then those proxies, then the gateway's own
   * peer. Entries the client wrote itself are dropped, so a subgraph that trusts one more hop
   * (the gateway) finds the same client address.
   */
  forwardedFor?: string;
  /** The client's address (the chain's first entry), vouched for by the gateway credential. */
  clientAddress?: string;
}

/** Worked out once per client request, for every subgraph call the request makes. */
export function subgraphForwarding(request: IncomingMessage, trustedProxyHops: number): SubgraphForwarding {
  const chain = trustedChain(request.headers, request.socket.remoteAddress, trustedProxyHops);
  return chain.length > 0 ? { forwardedFor: chain.join(', '), clientAddress: chain[0]! } : {};
}
