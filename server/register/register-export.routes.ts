// GET /register/export.csv and /register/export.json (?year=YYYY): the register as a download.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { ValidationError } from '../errors.js';
import { actionContext } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { writePiece, startDownload } from '../middleware/download.js';
import { parseInput } from '../middleware/validate.js';
import { exportQuerySchema } from './register.schema.js';
import {
  exportRegisterFor,
  exportSpreadsheetFor,
  type ExportFormat,
  type SheetFormat,
} from './register-export.service.js';

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
const SHEET_TYPES: Record<SheetFormat, string> = {
  'sheet.csv': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The register export downloads (privacy officers). */
export function registerExportRoutes(deps: AppDeps): Router {
  const r = Router();
  r.get('/register/export.:format', requireRole('privacy_officer'), async (req, res) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'json') throw new ValidationError({ format: 'field.invalid' });
    const { year } = parseInput(exportQuerySchema, req.query);
    const ctx = actionContext(req, deps.clock);
    const stamp = ctx.now.toISOString().slice(0, 10);
    startDownload(res, TYPES[format], `register-${year ?? 'all'}-${stamp}.${format}`);
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    if (format === 'csv') res.write('\uFEFF');
    await exportRegisterFor(ctx, format, year, (chunk) => writePiece(res, chunk));
    res.end();
  });

  // For people: /register/spreadsheet.xlsx and /register/spreadsheet.csv, names instead of codes,
  // in the page's language (issue 14 item 4).
  r.get('/register/spreadsheet.:format', requireRole('privacy_officer'), async (req, res) => {
    const format = req.params.format === 'csv' ? 'sheet.csv' : req.params.format === 'xlsx' ? 'xlsx' : null;
    if (!format) throw new ValidationError({ format: 'field.invalid' });
    const { year } = parseInput(exportQuerySchema, req.query);
    const ctx = actionContext(req, deps.clock);
    const stamp = ctx.now.toISOString().slice(0, 10);
    const name = req.lang === 'nl' ? 'datalekkenregister' : 'breach-register';
    const all = req.lang === 'nl' ? 'alle' : 'all';
    const ext = format === 'xlsx' ? 'xlsx' : 'csv';
    startDownload(res, SHEET_TYPES[format], `${name}-${year ?? all}-${stamp}.${ext}`);
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    if (format === 'sheet.csv') res.write('\uFEFF');
    await exportSpreadsheetFor(ctx, format, year, req.lang, (chunk) => writePiece(res, chunk));
    res.end();
  });
  return r;
}
