import type { PageInfo } from '@platform/shared';

/** Relay-style edges and pageInfo from a fetched page. */
export function toConnection<T>(page: { items: T[]; hasNextPage: boolean; cursorOf(item: T): string }) {
  const edges = page.items.map((node) => ({ cursor: page.cursorOf(node), node }));
  const pageInfo: PageInfo = { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  return { edges, pageInfo };
}
