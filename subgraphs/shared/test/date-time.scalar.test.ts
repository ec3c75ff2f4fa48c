import { DateTimeScalar } from '../src/date-time.scalar';

test.each([
  '2027-02-30T00:00:00Z',
  '2027-02-29T00:00:00Z',
  '2027-04-31T12:00:00Z',
  '2027-13-01T00:00:00Z',
  '2027-00-10T00:00:00Z',
  '2027-01-00T00:00:00Z',
  '2027-01-01T24:00:00Z',
  '2027-01-01T12:60:00Z',
  '2027-01-01T12:00:60Z',
  '2027-01-01T12:00:00+24:00',
  '2027-01-01T12:00:00+05:60',
])('%s is refused, not rolled over to another day', (value) => {
  expect(() => DateTimeScalar.parseValue(value)).toThrow(/not a real date and time/);
});

test.each([
  ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ['2000-02-29T23:59:59.999Z', '2000-02-29T23:59:59.999Z'],
  ['2027-12-31T23:59:59+14:00', '2027-12-31T09:59:59.000Z'],
  ['2027-01-31T12:00Z', '2027-01-31T12:00:00.000Z'],
])('%s, a real instant, is accepted', (value, iso) => {
  expect((DateTimeScalar.parseValue(value) as Date).toISOString()).toBe(iso);
});
