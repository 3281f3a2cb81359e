// The privacy officer's dashboard (issue 5): the reports nobody has assessed yet first, with their
// AP clock (issue 12), then every open duty across incidents, overdue first, then by deadline, with
// counts per urgency.

import { assertRole, type ActionContext } from '../context.js';
import type { Config } from '../config.js';
import { assessmentConfigFor } from '../assessments/assessment-settings.js';
import { openWork, type OpenWork, type WorkUrgency } from '../duties/duties.service.js';
import { auditAction } from '../audit/audit-action.js';

/** Urgencies counted on the dashboard, in display order. */
export const DASHBOARD_URGENCIES = [
  'overdue',
  'soon',
  'later',
  'no_deadline',
] as const satisfies readonly WorkUrgency[];

/** Rows per dashboard page: the most urgent come first, so page 1 is what needs doing now. */
export const DASHBOARD_PAGE_SIZE = 100;

/**
 * What the dashboard shows: one page of the list (the inbox of new and triaged reports without an
 * assessment first, then the duties), and per urgency over the whole list, one per row: an inbox
 * row by its AP clock (or "no fixed deadline"), a duty by its own.
 */
export interface Dashboard extends OpenWork {
  /** The page shown (1 when the requested one does not exist). */
  page: number;
  pages: number;
  /** The request named a page that is not a whole number from 1, or one past the end. */
  pageInvalid: boolean;
}

/** One page of open work across incidents for a privacy officer (audit-logged as a view). */
export async function loadDashboard(
  ctx: ActionContext,
  config: Pick<Config, 'organisation'>,
  /** null: the request named a page that is not a whole number from 1. */
  requestedPage: number | null = 1,
): Promise<Dashboard> {
  assertRole(ctx.user, 'privacy_officer');
  const assessmentConfig = assessmentConfigFor(config);
  const wanted = requestedPage ?? 1;
  const window = (p: number) => ({ from: (p - 1) * DASHBOARD_PAGE_SIZE, to: p * DASHBOARD_PAGE_SIZE });
  let work = await openWork(ctx.now, assessmentConfig, window(wanted));
  const pages = Math.max(1, Math.ceil((work.inboxTotal + work.dutiesTotal) / DASHBOARD_PAGE_SIZE));
  const pageInvalid = requestedPage === null || requestedPage > pages;
  if (pageInvalid && wanted !== 1) work = await openWork(ctx.now, assessmentConfig, window(1));
  const { counts, inboxTotal, dutiesTotal } = work;
  await auditAction(ctx, {
    action: 'dashboard.view',
    object: { type: 'duties' },
    details: { duties: dutiesTotal, unassessed: inboxTotal, overdue: counts.overdue },
  });
  return { ...work, page: pageInvalid ? 1 : wanted, pages, pageInvalid };
}
