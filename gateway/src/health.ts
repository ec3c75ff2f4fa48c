import type { HealthReport } from '@platform/shared';

async function probe(graphqlUrl: string): Promise<'ok' | 'down'> {
  try {
    const response = await fetch(new URL('/health', graphqlUrl), { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return 'down';
    const body = (await response.json()) as { status?: string };
    return body.status === 'ok' ? 'ok' : 'down';
  } catch {
    return 'down';
  }
}

/** The gateway is up when it answers; degraded when a subgraph is not. */
export async function gatewayHealth(subgraphUrls: Record<string, string>): Promise<HealthReport> {
  const names = Object.keys(subgraphUrls);
  const results = await Promise.all(names.map((name) => probe(subgraphUrls[name] ?? '')));
  const subgraphs = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  return { status: results.every((result) => result === 'ok') ? 'ok' : 'degraded', gateway: 'ok', subgraphs };
}
