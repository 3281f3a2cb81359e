// Writing the register export (domain.md §10.7, Art. 33(5)) as CSV or JSON, row by row to any
// sink (an HTTP response, standard output). The export is audit-logged with its size (§8.3).
import { recordAudit, warmAuditHead, type AuditActor, type AuditOrigin } from '../audit/audit.service.js';
import { assertRole, auditActor, type ActionContext } from '../context.js';
import type { SheetData } from 'write-excel-file/node';
import type { Lang } from '../i18n/i18n.js';
import { csvLine } from './register-csv.js';
import { registerRecords } from './register-cache.js';
import { REGISTER_FIELDS, type RegisterRecord } from './register-export.js';
import { spreadsheetCsvLine, spreadsheetHeaders, spreadsheetRow, xlsxRow } from './register-spreadsheet.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Receives output; may return a promise to apply backpressure. */
export type ExportSink = (chunk: string) => void | Promise<void>;

/** Who exports, for the audit trail. */
export interface ExportActor {
  actor: AuditActor;
  origin: AuditOrigin;
  now: Date;
}

function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.map(jsonValue) : v;
}

/** Writes the whole export to `sink` and records it in the audit trail; resolves to the record count. */
export async function writeRegisterExport(
  format: ExportFormat,
  year: number | undefined,
  sink: ExportSink,
  who: ExportActor,
): Promise<number> {
  let count = 0;
  // The export is audited when it ends; the trail's head is read meanwhile.
  const headRead = warmAuditHead();
  try {
    if (format === 'csv') {
      await sink(csvLine(REGISTER_FIELDS));
      for await (const rec of registerRecords(year)) {
        await sink(csvLine(REGISTER_FIELDS.map((f) => rec[f])));
        count++;
      }
    } else {
      await sink(
        `{"register":"Art. 33(5) GDPR","generatedAt":${JSON.stringify(who.now.toISOString())},"year":${year ?? 'null'},"records":[`,
      );
      for await (const rec of registerRecords(year)) {
        await sink(`${count ? ',' : ''}\n${JSON.stringify(toJson(rec))}`);
        count++;
      }
      await sink(`\n],"count":${count}}\n`);
    }
  } catch (err) {
    await headRead;
    await recordAudit({ ...auditOf(who, format, year, count), result: 'failure' }, who.now);
    throw err;
  }
  await headRead;
  await recordAudit(auditOf(who, format, year, count), who.now);
  return count;
}

function toJson(rec: RegisterRecord): Record<string, unknown> {
  return Object.fromEntries(REGISTER_FIELDS.map((f) => [f, jsonValue(rec[f]) ?? null]));
}

function auditOf(
  who: ExportActor,
  format: ExportFormat | SheetFormat,
  year: number | undefined,
  count: number,
) {
  return {
    actor: who.actor,
    origin: who.origin,
    action: 'register.export',
    object: { type: 'register', ref: year ? String(year) : 'all' },
    details: { format, year: year ?? null, records: count },
  };
}

/** The spreadsheet files for people (register-spreadsheet.ts): names instead of codes, in one language. */
export const SHEET_FORMATS = ['sheet.csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/**
 * Writes the register as a spreadsheet in `lang` and records it in the audit trail. The CSV goes
 * out row by row; the .xlsx is a zip archive built whole, then written at once (about 25 MB of
 * memory for 10,000 incidents).
 */
export async function writeRegisterSpreadsheet(
  format: SheetFormat,
  year: number | undefined,
  lang: Lang,
  sink: (chunk: string | Buffer) => void | Promise<void>,
  who: ExportActor,
): Promise<number> {
  let count = 0;
  try {
    if (format === 'sheet.csv') {
      await sink(spreadsheetCsvLine(spreadsheetHeaders(lang), lang));
      for await (const rec of registerRecords(year)) {
        await sink(spreadsheetCsvLine(spreadsheetRow(rec, lang), lang));
        count++;
      }
    } else {
      const { default: writeExcelFile } = await import('write-excel-file/node');
      const rows: SheetData = [
        spreadsheetHeaders(lang).map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ];
      for await (const rec of registerRecords(year)) {
        rows.push(xlsxRow(spreadsheetRow(rec, lang)));
        count++;
      }
      await sink(await writeExcelFile(rows, { stickyRowsCount: 1, sheet: 'Register' }).toBuffer());
    }
  } catch (err) {
    await recordAudit({ ...auditOf(who, format, year, count), result: 'failure' }, who.now);
    throw err;
  }
  await recordAudit(auditOf(who, format, year, count), who.now);
  return count;
}

/** The spreadsheet for a signed-in privacy officer, in the page's language. */
export async function exportSpreadsheetFor(
  ctx: ActionContext,
  format: SheetFormat,
  year: number | undefined,
  lang: Lang,
  sink: (chunk: string | Buffer) => void | Promise<void>,
): Promise<number> {
  assertRole(ctx.user, 'privacy_officer');
  return writeRegisterSpreadsheet(format, year, lang, sink, {
    actor: auditActor(ctx.user),
    origin: ctx.origin,
    now: ctx.now,
  });
}

/** The export for a signed-in privacy officer. */
export async function exportRegisterFor(
  ctx: ActionContext,
  format: ExportFormat,
  year: number | undefined,
  sink: ExportSink,
): Promise<number> {
  assertRole(ctx.user, 'privacy_officer');
  return writeRegisterExport(format, year, sink, {
    actor: auditActor(ctx.user),
    origin: ctx.origin,
    now: ctx.now,
  });
}
