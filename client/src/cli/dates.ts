const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * An ISO-8601 date or date-time as the API's DateTime (UTC, with milliseconds), or null
 * when `raw` is not one. A date alone means midnight UTC; a time without a zone is UTC,
 * never the machine's local time. Impossible dates (2026-02-30) are refused.
 */
export function normaliseIsoDateTime(raw: string): string | null {
  const match = ISO_DATE_TIME.exec(raw.trim());
  if (!match) return null;
  const [, date = '', time = '00:00:00', zone = 'Z'] = match;
  const value = new Date(`${date}T${time}${zone.toUpperCase()}`);
  if (Number.isNaN(value.getTime())) return null;
  // Date rolls 2026-02-30 over to March 2; the calendar date itself must exist.
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  return value.toISOString();
}
