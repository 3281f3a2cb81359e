// /admin/audit: browse the audit trail by incident, user, action, group and days;
// /admin/audit/export.csv: the same selection as a spreadsheet; /admin/audit/verify: check the chain.
import { Router, type Request } from 'express';
import { format } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';
import type { AppDeps } from '../deps.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { actionContext } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { writePiece, startDownload } from '../middleware/download.js';
import { parseInput, tryParseInput } from '../middleware/validate.js';
import { csvRecord, neutraliseFormula } from '../csv.js';
import { DUTCH_TIME_ZONE } from '../local-time.js';
import { auditFilterSchema } from './audit.schema.js';
import {
  browseAudit,
  exportAudit,
  verifyTrail,
  type AuditFilter,
  type AuditRow,
} from './audit-browse.service.js';
import { actionLabel, groupOptions } from './audit-labels.js';

/** The filter as typed, for showing it again (strings only; anything else is dropped). */
function typedFilter(query: Request['query']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The query string of a filter (page and empty values left out). */
function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const pairs = Object.entries(f)
    .filter(([k, v]) => k !== 'page' && v !== undefined && v !== '')
    .map(([k, v]): [string, string] => [k, String(v as string | number)]);
  return new URLSearchParams({ ...Object.fromEntries(pairs), ...extra }).toString();
}

/** The columns of the CSV export, in the page's language. */
const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'role',
  'action',
  'actionCode',
  'object',
  'result',
  'origin',
  'details',
  'hash',
] as const;

function csvRow(r: AuditRow, lang: Lang): string[] {
  return [
    String(r.seq),
    format(new TZDate(r.at, DUTCH_TIME_ZONE), 'yyyy-MM-dd HH:mm:ss'),
    r.actor,
    r.role ? translate(lang, `role.${r.role}`) : '',
    actionLabel(lang, r.action),
    r.action,
    r.object,
    translate(lang, `audit.result.${r.result}`),
    r.origin,
    r.details.map((d) => `${d.key}: ${d.value}`).join('; '),
    r.hash,
  ];
}

/** One CSV line for Dutch spreadsheets: ";" between cells, every cell quoted, formulas neutralised. */
function csvLine(cells: readonly string[]): string {
  return csvRecord(cells.map(neutraliseFormula), ';');
}

/** The audit trail pages (administrators and privacy officers; verification for administrators). */
export function auditRoutes(deps: AppDeps): Router {
  const r = Router();
  r.get('/admin/audit', requireRole('admin', 'privacy_officer'), async (req, res) => {
    const groups = groupOptions(req.lang);
    const parsed = tryParseInput(auditFilterSchema, req.query);
    if (!parsed.ok)
      return res.status(400).render('audit/list', {
        pageTitle: 'audit.title',
        filterInvalid: true,
        errors: parsed.fields,
        filter: typedFilter(req.query),
        groups,
        rows: [],
        total: 0,
      });
    const f = parsed.data;
    const page = await browseAudit(f, actionContext(req, deps.clock));
    res.render('audit/list', {
      pageTitle: 'audit.title',
      filter: { ...f, actionLabel: f.action ? actionLabel(req.lang, f.action) : undefined },
      groups,
      ...page,
      rows: page.rows.map((row) => ({ ...row, actionLabel: actionLabel(req.lang, row.action) })),
      canVerify: req.user!.role === 'admin',
      exportHref: `/admin/audit/export.csv?${filterQuery(f)}`,
      prevHref: page.page > 1 ? `/admin/audit?${filterQuery(f, { page: String(page.page - 1) })}` : undefined,
      nextHref:
        page.page < page.pages
          ? `/admin/audit?${filterQuery(f, { page: String(page.page + 1) })}`
          : undefined,
    });
  });

  r.get('/admin/audit/export.csv', requireRole('admin', 'privacy_officer'), async (req, res) => {
    const f = parseInput(auditFilterSchema, req.query);
    const ctx = actionContext(req, deps.clock);
    let started = false;
    const start = async () => {
      started = true;
      startDownload(res, 'text/csv; charset=utf-8', `auditlog-${ctx.now.toISOString().slice(0, 10)}.csv`);
      // Excel opens UTF-8 CSV correctly only with a byte-order mark.
      await writePiece(
        res,
        `\uFEFF${csvLine(CSV_COLUMNS.map((c) => translate(req.lang, `audit.csv.${c}`)))}`,
      );
    };
    await exportAudit(f, ctx, async (row) => {
      if (!started) await start();
      await writePiece(res, csvLine(csvRow(row, req.lang)));
    });
    if (!started) await start();
    res.end();
  });

  r.post('/admin/audit/verify', requireRole('admin'), async (req, res) => {
    const result = await verifyTrail(actionContext(req, deps.clock));
    res.status(result.ok ? 200 : 409).render('audit/verify', { pageTitle: 'audit.title', result });
  });
  return r;
}
