/** The CLI's CSV export and event input files, without a platform. */
import { claimCsvRecord, csvField, csvRecord, parseCsv, CLAIM_CSV_COLUMNS, claimCsvHeader } from '../../client/src/csv';
import { formatOfPath, InputFileError, parseCreateEventInput, readCreateEventInput } from '../../client/src/cli/event-file';
import type { AuditClaimFieldsFragment } from '../../client/src/generated/graphql';

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
