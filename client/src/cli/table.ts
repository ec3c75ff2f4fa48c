/** Fixed-width text tables for the terminal. Cells longer than `maxWidth` are cut with "…". */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], maxWidth = 40): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined || value === '' ? '-' : String(value).replace(/[\r\n\t]+/g, ' ');
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const body = rows.map((row) => headers.map((_, i) => cell(row[i])));
  const widths = headers.map((header, i) => Math.max(header.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...body.map(line)].join('\n') + '\n';
}
