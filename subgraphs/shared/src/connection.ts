import type { PageInfo } from './page-info';

/** A fetched page whose items know their own cursors. */
export interface CursorPage<T> {
  items: T[];
  hasNextPage: boolean;
  cursorOf(item: T): string;
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: PageInfo;
}

/** Relay-style edges and pageInfo from a fetched page; `toNode` shapes each item for the schema. */
export function toConnection<T>(page: CursorPage<T>): Connection<T>;
export function toConnection<T, N>(page: CursorPage<T>, toNode: (item: T) => N): Connection<N>;
export function toConnection<T, N>(page: CursorPage<T>, toNode?: (item: T) => N): Connection<T | N> {
  const edges = page.items.map((item) => ({ cursor: page.cursorOf(item), node: toNode ? toNode(item) : item }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
