import type { AuditClaimFieldsFragment } from './generated/graphql';
import { formatRewards } from './format';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting with
 * =, +, -, @, tab or CR. Such text gets a leading apostrophe, which spreadsheets show as
 * text; numbers stay numbers (a negative amount is not a formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (or leading /
 * trailing spaces, which some readers trim), with quotes doubled. null/undefined → empty.
 * Text that a spreadsheet would read as a formula is escaped with a leading `'`.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export const CLAIM_CSV_COLUMNS = [
  'id',
  'eventId',
  'eventTitle',
  'userId',
  'username',
  'status',
  'rejectionReason',
  'delivery',
  'rewards',
  'createdAt',
] as const;

export type ClaimCsvColumn = (typeof CLAIM_CSV_COLUMNS)[number];

export function claimCsvHeader(): string {
  return csvRecord(CLAIM_CSV_COLUMNS);
}

/** A claim's values in {@link CLAIM_CSV_COLUMNS} order; rewards as `currency:CASH:500;item:sword:1`. */
export function claimCsvValues(claim: AuditClaimFieldsFragment): Record<ClaimCsvColumn, CsvValue> {
  return {
    id: claim.id,
    eventId: claim.event.id,
    eventTitle: claim.event.title,
    userId: claim.user.id,
    username: claim.user.username,
    status: claim.status,
    rejectionReason: claim.rejectionReason,
    delivery: claim.delivery,
    rewards: formatRewards(claim.rewards),
    createdAt: claim.createdAt,
  };
}

export function claimCsvRecord(claim: AuditClaimFieldsFragment): string {
  const values = claimCsvValues(claim);
  return csvRecord(CLAIM_CSV_COLUMNS.map((column) => values[column]));
}

/**
 * Parses RFC 4180 text into records (the inverse of {@link csvRecord}); accepts CRLF or LF.
 * Used by tests and handy for scripts reading an export back.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      i++;
    } else if (char === ',') {
      endField();
      i++;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (char === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += char;
      i++;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field.');
  if (field !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}
