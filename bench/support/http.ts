/** A GraphQL POST to one URL with an optional bearer token: the answer's JSON, whatever its status. */
export type Post = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<{ data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

export function poster(url: string): Post {
  return async (query, variables, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Awaited<ReturnType<Post>>;
  };
}

/** Runs `work` for every item with at most `inFlight` at once; returns the elapsed milliseconds. */
export async function timedPool<T>(items: readonly T[], inFlight: number, work: (item: T) => Promise<void>): Promise<number> {
  const queue = [...items];
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}
