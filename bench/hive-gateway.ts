import 'reflect-metadata';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  acceptRequestId,
  CLIENT_ADDRESS_HEADER,
  GATEWAY_CREDENTIAL_HEADER,
  loadConfig,
  REQUEST_ID_HEADER,
  runAsProcess,
  type StartedService,
} from '@platform/shared';
import { subgraphForwarding } from '../gateway/src/client-forwarding';
import { readSupergraph } from '../gateway/src/supergraph-file';

/** What the whatwg-node adapter puts in the server context when it serves node:http. */
interface NodeServerContext {
  req: IncomingMessage;
}

/**
 * Hive Gateway on the same supergraph, subgraph URLs and configuration variables as our
 * gateway (gateway/src/main.ts), for `npm run bench:gateway` only. Each subgraph call carries
 * the headers ours sends (gateway/src/subgraph-data-source.ts): the caller's Authorization,
 * X-Forwarded-For built from the socket's peer, the vouched client address, the gateway
 * credential and one request id per client request. Hive's in-flight deduplication is off, as
 * ours has none: every client request must reach the subgraphs.
 */
async function startHiveGateway(): Promise<StartedService> {
  const config = loadConfig(process.env);
  // Ours accepts a short plain x-request-id from the client or makes one; Hive's own plugin
  // would take any value, so the id is chosen here, once per client request.
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) requestIds.set(request, (id = acceptRequestId(request.headers.get(REQUEST_ID_HEADER) ?? undefined)));
    return id;
  };
  const runtime = createGatewayRuntime<Partial<NodeServerContext>>({
    supergraph: readSupergraph(),
    transportEntries: {
      users: { location: config.urls.users },
      events: { location: config.urls.events },
      '*.http': { options: { deduplicateInflightRequests: false } },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => {
        const { forwardedFor, clientAddress } = context.req ? subgraphForwarding(context.req, config.abuse.trustedProxyHops) : {};
        return {
          authorization: request.headers.get('authorization'),
          'x-forwarded-for': forwardedFor,
          [CLIENT_ADDRESS_HEADER]: clientAddress,
          [GATEWAY_CREDENTIAL_HEADER]: config.serviceSecret,
          [REQUEST_ID_HEADER]: requestIdOf(request),
        };
      },
    },
    requestId: false,
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: false,
    logging: 'error',
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.ports.gateway, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

runAsProcess('hive-gateway', 'Hive Gateway (benchmark comparison)', startHiveGateway);
