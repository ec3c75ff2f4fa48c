import { PlatformClient } from '../../client/src';

/**
 * A browser's fetch throws "Illegal invocation" unless called with the window (or nothing)
 * as `this`. This stand-in does the same with globalThis, so the client must call it unbound.
 */
test('the default fetch is called as a plain function, never as a method of the client', async () => {
  const original = globalThis.fetch;
  const calls: unknown[] = [];
  globalThis.fetch = function strictFetch(this: unknown, input: Parameters<typeof fetch>[0]) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    calls.push(input);
    return Promise.resolve(new Response(JSON.stringify({ data: { me: null } }), { headers: { 'content-type': 'application/json' } }));
  } as typeof fetch;
  try {
    const client = new PlatformClient({ url: 'http://127.0.0.1:9/graphql' });
    const { MeDocument } = await import('../../client/src/generated/graphql');
    await expect(client.execute(MeDocument)).resolves.toEqual({ me: null });
    expect(calls).toEqual(['http://127.0.0.1:9/graphql']);
  } finally {
    globalThis.fetch = original;
  }
});
