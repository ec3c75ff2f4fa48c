/** The CLI's argument parsing and date normalisation, without a platform. */
import { parseIsoDate, parseList, parseOptions, splitCommand, UsageError, type OptionSpec } from '../../client/src/cli/args';
import { normaliseIsoDateTime } from '../../client/src/cli/dates';

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
