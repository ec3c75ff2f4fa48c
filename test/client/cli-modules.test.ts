/**
 * The CLI's pure pieces (argument parsing, CSV, dates, input files, session file) and the
 * client's transport rules, without a platform.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIsoDate, parseList, parseOptions, splitCommand, UsageError, type OptionSpec } from '../../client/src/cli/args';
import { claimCsvRecord, csvField, csvRecord, parseCsv, CLAIM_CSV_COLUMNS, claimCsvHeader } from '../../client/src/cli/csv';
import { normaliseIsoDateTime } from '../../client/src/cli/dates';
import { formatOfPath, InputFileError, parseCreateEventInput, readCreateEventInput } from '../../client/src/cli/event-file';
import { readSession, SessionFileError, sessionPath, writeSession, type StoredSession } from '../../client/src/cli/session';
import { formatTable } from '../../client/src/cli/table';
import { formatChallenge, formatReward } from '../../client/src/format';
import type { AuditClaimFieldsFragment, ChallengeFieldsFragment } from '../../client/src/generated/graphql';
import { GraphQLRequestError, MeDocument, PlatformClient } from '../../client/src';
import { asTypename, expectTypename, isTypename, matchTypename, UnexpectedTypenameError } from '../../client/src/unions';

describe('args', () => {
  const specs: OptionSpec[] = [
    { name: 'url', type: 'string', description: '' },
    { name: 'first', type: 'integer', min: 1, max: 100, description: '' },
    { name: 'status', type: 'string', choices: ['GRANTED', 'REJECTED'], description: '' },
    { name: 'json', type: 'boolean', description: '' },
    { name: 'help', short: 'h', type: 'boolean', description: '' },
    { name: 'out', type: 'string', required: true, description: '' },
  ];

  test('the command is the first argument that is not a global option or its value', () => {
    expect(splitCommand(['--url', 'http://x', 'events', '--first', '3'], specs)).toEqual({ command: 'events', args: ['--url', 'http://x', '--first', '3'] });
    expect(splitCommand(['--url=http://x', '--json', 'claims'], specs)).toEqual({ command: 'claims', args: ['--url=http://x', '--json'] });
    expect(splitCommand(['--help'], specs)).toEqual({ command: undefined, args: ['--help'] });
  });

  test('values, --name=value, booleans, choices and integers', () => {
    const parsed = parseOptions(['--first', '7', '--status=granted', '--json', '--out', '-'], specs);
    expect(parsed.integer('first')).toBe(7);
    expect(parsed.string('status')).toBe('GRANTED');
    expect(parsed.flag('json')).toBe(true);
    expect(parsed.flag('help')).toBe(false);
    expect(parsed.requiredString('out')).toBe('-');
    expect(parseOptions(['-h', '--out', 'x'], specs).flag('help')).toBe(true);
  });

  test.each([
    [['--out', 'x', '--nope'], "Unknown option '--nope'"],
    [['--out', 'x', 'stray'], "Unexpected argument 'stray'"],
    [['--out'], '--out needs a value'],
    [['--out', '--json'], '--out needs a value'],
    [[], 'Missing required option --out'],
    [['--out', 'x', '--first', 'ten'], 'must be a whole number'],
    [['--out', 'x', '--first', '0'], 'between 1 and 100'],
    [['--out', 'x', '--status', 'maybe'], 'one of GRANTED, REJECTED'],
    [['--out', 'x', '--out', 'y'], 'more than once'],
    [['--out', 'x', '--json=yes'], 'takes no value'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseOptions(argv, specs, 'cmd')).toThrow(UsageError);
    expect(() => parseOptions(argv, specs, 'cmd')).toThrow(message);
  });

  test('lists and dates', () => {
    expect(parseList('OPERATOR, USER,,')).toEqual(['OPERATOR', 'USER']);
    expect(parseIsoDate('2026-01-31', 'after')).toBe('2026-01-31T00:00:00.000Z');
    expect(() => parseIsoDate('yesterday', 'after')).toThrow('--after must be an ISO-8601');
  });
});

describe('dates', () => {
  test.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T12:30', '2026-01-31T12:30:00.000Z'],
    ['2026-01-31 12:30:15', '2026-01-31T12:30:15.000Z'],
    ['2026-01-31T12:00:00+02:00', '2026-01-31T10:00:00.000Z'],
    ['2026-01-31T12:00:00.5z', '2026-01-31T12:00:00.500Z'],
  ])('%s → %s (no zone means UTC)', (raw, iso) => expect(normaliseIsoDateTime(raw)).toBe(iso));
  test.each(['2026-02-30', '2026-13-01', 'March 1', '2026-01-31T25:00Z', '1700000000', ''])('%s is refused', (raw) => {
    expect(normaliseIsoDateTime(raw)).toBeNull();
  });
});

describe('csv (RFC 4180)', () => {
  test('quotes only what needs it and doubles quotes; records end with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvRecord(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
  });

  test('text a spreadsheet would run as a formula is escaped with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-5)).toBe('-5');
    expect(parseCsv(csvRecord(['=1+1', 'ok']))).toEqual([["'=1+1", 'ok']]);
  });

  test('a claim becomes one record in header order, and parses back', () => {
    const claim: AuditClaimFieldsFragment = {
      id: 'c1',
      status: 'GRANTED',
      rejectionReason: null,
      delivery: 'DELIVERED',
      idempotencyKey: null,
      createdAt: '2026-01-31T12:00:00.000Z',
      period: null,
      user: { id: 'u1', username: 'pia' },
      event: { id: 'e1', title: 'Spring "mega", sale\nday 1' },
      rewards: [
        { __typename: 'CurrencyReward', currency: 'CASH', amount: 500 },
        { __typename: 'ItemReward', itemId: 'sword', quantity: 1 },
        { __typename: 'CouponReward', couponId: 'half-off', quantity: 2 },
      ],
    };
    const text = claimCsvHeader() + claimCsvRecord(claim);
    expect(parseCsv(text)).toEqual([
      [...CLAIM_CSV_COLUMNS],
      ['c1', 'e1', 'Spring "mega", sale\nday 1', 'u1', 'pia', 'GRANTED', '', 'DELIVERED', 'currency:CASH:500;item:sword:1;coupon:half-off:2', '2026-01-31T12:00:00.000Z'],
    ]);
    expect(CLAIM_CSV_COLUMNS.join(',')).toBe('id,eventId,eventTitle,userId,username,status,rejectionReason,delivery,rewards,createdAt');
  });
});

describe('event files', () => {
  const yaml = [
    'title: Spring',
    'startsAt: 2026-03-01',
    'endsAt: 2026-03-08T00:00:00+01:00',
    'challenges:',
    '  - loginStreak: { days: 3 }',
    'rewards:',
    '  - currency: { currency: CASH, amount: 100 }',
  ].join('\n');

  test('YAML and JSON give the same CreateEventInput, dates normalised to the API DateTime', () => {
    const fromYaml = parseCreateEventInput(yaml, 'yaml');
    expect(fromYaml).toEqual({
      title: 'Spring',
      startsAt: '2026-03-01T00:00:00.000Z',
      endsAt: '2026-03-07T23:00:00.000Z',
      challenges: [{ loginStreak: { days: 3 } }],
      rewards: [{ currency: { currency: 'CASH', amount: 100 } }],
    });
    expect(parseCreateEventInput(JSON.stringify(fromYaml), 'json')).toEqual(fromYaml);
    // An explicit YAML timestamp arrives as a Date; it is sent as an ISO string.
    expect(parseCreateEventInput(yaml.replace('startsAt: 2026-03-01', 'startsAt: !!timestamp 2026-03-01T00:00:00Z'), 'yaml').startsAt).toBe('2026-03-01T00:00:00.000Z');
  });

  test.each([
    ['title: [', 'not valid YAML'],
    ['- a\n- b', 'expected an object'],
    ['titel: x', "unknown field 'titel'"],
    ['title: x\nstartsAt: soon\nendsAt: 2026-01-01\nrewards: []', "startsAt is not an ISO-8601 date or date-time: 'soon'"],
    ['title: x\nstartsAt: 2026-01-01', 'endsAt is required'],
    ['title: x\nstartsAt: 2026-01-01\nendsAt: 2026-01-02\nrewards: {}', 'rewards is required and must be a list'],
    ['title: x\ntitle: y', 'not valid YAML'],
  ])('%j → %s', (text, message) => {
    expect(() => parseCreateEventInput(text, 'yaml', 'event.yaml')).toThrow(InputFileError);
    expect(() => parseCreateEventInput(text, 'yaml', 'event.yaml')).toThrow(message);
  });

  test('the extension decides the format; missing files are reported', async () => {
    expect(formatOfPath('a/b.YML')).toBe('yaml');
    expect(formatOfPath('b.json')).toBe('json');
    expect(() => formatOfPath('event.txt')).toThrow("unknown file type '.txt'");
    await expect(readCreateEventInput('/definitely/not/here.yaml')).rejects.toThrow('no such file');
  });
});

describe('session file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ops-session-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const session: StoredSession = {
    version: 1,
    url: 'http://localhost:4000/graphql',
    username: 'olga',
    userId: 'u1',
    roles: ['OPERATOR'],
    deviceId: 'ops-cli',
    accessToken: 'a',
    refreshToken: 'r',
  };

  test('--session, then $OPS_SESSION, then ~/.reward-ops.json', () => {
    expect(sessionPath('/x.json', { OPS_SESSION: '/y.json' }, '/home/o')).toBe('/x.json');
    expect(sessionPath(undefined, { OPS_SESSION: '/y.json' }, '/home/o')).toBe('/y.json');
    expect(sessionPath(undefined, {}, '/home/o')).toBe('/home/o/.reward-ops.json');
  });

  test('written 0600 (even over a laxer file), read back; missing is null; damaged is an error', async () => {
    const path = join(dir, 'nested', 'session.json');
    expect(await readSession(path)).toBeNull();
    await writeSession(path, session);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readSession(path)).toEqual(session);

    const lax = join(dir, 'lax.json');
    await writeFile(lax, '{}', { mode: 0o644 });
    await writeSession(lax, session);
    expect((await stat(lax)).mode & 0o777).toBe(0o600);

    await writeFile(lax, 'not json');
    await expect(readSession(lax)).rejects.toThrow(SessionFileError);
    await writeFile(lax, '{"version": 2}');
    await expect(readSession(lax)).rejects.toThrow('not an ops session');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(session);
  });
});

describe('formatting and unions', () => {
  const challenges: ChallengeFieldsFragment[] = [
    { __typename: 'LoginStreakChallenge', days: 7 },
    { __typename: 'CurrencyChallenge', currency: 'COIN', comparison: 'AT_MOST', amount: 10 },
    { __typename: 'ItemCountChallenge', itemId: 'gem', count: 3 },
  ];

  test('narrowing helpers', () => {
    const [streak, currency] = challenges;
    expect(isTypename(streak!, 'LoginStreakChallenge')).toBe(true);
    expect(asTypename(streak!, 'CurrencyChallenge')).toBeNull();
    expect(expectTypename(currency!, 'CurrencyChallenge').amount).toBe(10);
    expect(() => expectTypename(currency!, 'ItemCountChallenge')).toThrow(UnexpectedTypenameError);
    expect(challenges.map(formatChallenge)).toEqual(['login streak >= 7 days', 'COIN <= 10', 'gem x >= 3']);
    expect(matchTypename(streak!, {
      LoginStreakChallenge: (c) => c.days,
      TotalLoginsChallenge: (c) => c.count,
      ReturningPlayerChallenge: (c) => c.days,
      CurrencyChallenge: (c) => c.amount,
      ItemCountChallenge: (c) => c.count,
      DistinctItemsChallenge: (c) => c.count,
      EventsClaimedChallenge: (c) => c.count,
      AccountAgeChallenge: (c) => c.days,
    })).toBe(7);
    expect(formatReward({ __typename: 'ItemReward', itemId: 'sword', quantity: 2 })).toBe('item:sword:2');
  });

  test('tables pad columns, cut long cells and show empty ones as -', () => {
    expect(formatTable(['A', 'LONG HEADER'], [['x', null], ['much longer', 'y']], 8)).toBe('A         LONG HEADER\nx         -\nmuch lo…  y\n');
  });
});

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
