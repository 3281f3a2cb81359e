// CSV for the register export (RFC 4180: every cell quoted, quotes doubled, CRLF line ends), with
// spreadsheet formula injection neutralised: a text cell that starts with = + - @ tab or CR gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running it. Pure.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must show it: formula-like starts are prefixed with an apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One value as cell text: dates as ISO 8601 UTC, lists joined with "; ", empty for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return neutraliseFormula(value.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('; '));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutraliseFormula(typeof value === 'string' ? value : JSON.stringify(value));
}

/** One quoted CSV line, ending in CRLF. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map((v) => `"${cellText(v).replace(/"/g, '""')}"`).join(',')}\r\n`;
}
