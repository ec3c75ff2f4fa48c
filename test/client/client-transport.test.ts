/** The client's transport rules (requests, errors, token refresh), against a stubbed fetch. */
import { GraphQLRequestError, MeDocument, PlatformClient } from '../../client/src';

describe('client transport', () => {
  const respond = (status: number, body: string, contentType = 'application/json'): typeof fetch =>
    async () => new Response(body, { status, headers: { 'content-type': contentType } });

  test('sends JSON with the bearer token and the operation name', async () => {
    let seen: { headers: Record<string, string>; body: { query: string; operationName: string; variables: unknown } } | undefined;
    const fetchSpy: typeof fetch = async (_url, init) => {
      seen = { headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) };
      return new Response(JSON.stringify({ data: { me: null } }), { headers: { 'content-type': 'application/json' } });
    };
    const client = new PlatformClient({ url: 'http://gw/graphql', accessToken: 'tok', fetch: fetchSpy });
    expect(await client.execute(MeDocument)).toEqual({ me: null });
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['authorization']).toBe('Bearer tok');
    expect(seen?.body).toMatchObject({ operationName: 'Me', variables: {} });
    expect(seen?.body.query).toContain('query Me');
  });

  test('a non-GraphQL answer (a proxy error page) is BAD_RESPONSE with the status', async () => {
    const client = new PlatformClient({ url: 'http://gw/graphql', fetch: respond(502, '<html>Bad gateway</html>', 'text/html') });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
  });

  test('errors keep every code, the first decides `code`; partial data is kept', async () => {
    const body = JSON.stringify({
      data: { me: null },
      errors: [
        { message: 'Nope', extensions: { code: 'FORBIDDEN' } },
        { message: 'Odd' },
      ],
    });
    const client = new PlatformClient({ url: 'http://gw/graphql', fetch: respond(200, body) });
    const error = (await client.execute(MeDocument).catch((e: unknown) => e)) as GraphQLRequestError;
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error.message).toBe('Nope (and 1 more error)');
    expect(error.code).toBe('FORBIDDEN');
    expect(error.codes).toEqual(['FORBIDDEN', 'INTERNAL_SERVER_ERROR']);
    expect(error.data).toEqual({ me: null });
  });

  test('a refused refresh clears the tokens and reports it; the operation is not retried', async () => {
    const calls: string[] = [];
    const fetchSpy: typeof fetch = async (_url, init) => {
      const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
      calls.push(operationName);
      const message = operationName === 'RefreshSession' ? 'Refresh token expired: log in again.' : 'Access token expired.';
      return new Response(JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const changes: unknown[] = [];
    const client = new PlatformClient({ url: 'http://gw/graphql', accessToken: 'a', refreshToken: 'r', fetch: fetchSpy, onTokens: (t) => void changes.push(t) });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Refresh token expired: log in again.' });
    expect(calls).toEqual(['Me', 'RefreshSession']);
    expect(client.tokens).toBeNull();
    expect(changes).toEqual([null]);
  });
});
