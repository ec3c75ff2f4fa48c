import DataLoader from 'dataloader';

/**
 * A per-request loader over a batch fetch that answers by key: every key asked for in one
 * tick costs one call (a store query, one request to users), unknown keys load as null.
 */
export function loaderFromMap<V>(fetch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** The same over a fetch that returns records carrying their `id`. */
export function loaderById<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return loaderFromMap(async (ids) => new Map((await fetch(ids)).map((item) => [item.id, item])));
}
