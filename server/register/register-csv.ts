// The register export's cells as CSV text (every cell quoted, formulas neutralised: server/csv.ts). Pure.
import { csvRecord, neutraliseFormula } from '../csv.js';

/** One value as cell text: dates as ISO 8601 UTC, lists joined with "; ", empty for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return neutraliseFormula(value.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('; '));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutraliseFormula(typeof value === 'string' ? value : JSON.stringify(value));
}

/** One quoted CSV line, ending in CRLF. */
export function csvLine(values: readonly unknown[]): string {
  return csvRecord(values.map(cellText));
}
