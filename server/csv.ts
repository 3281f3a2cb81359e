// CSV records for every download (register export and spreadsheet, audit trail, import reports,
// letter address lists), written by csv-stringify (RFC 4180: quotes doubled, CRLF line ends), with
// spreadsheet formula injection neutralised: a text cell that starts with = + - @ tab or CR gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running it.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must show it: formula-like starts are prefixed with an apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One record ending in CRLF: text always quoted (empty text too), numbers plain. The cells are
 * written as given: callers neutralise text that came from people (neutraliseFormula).
 */
export function csvRecord(cells: readonly (string | number)[], delimiter: ',' | ';' = ','): string {
  return stringify([cells], {
    delimiter,
    quoted_string: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}
