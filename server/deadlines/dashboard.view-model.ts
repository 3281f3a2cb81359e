// The dashboard's view data: rows in urgency order, counts per urgency, the calendar-link status.
import type { Lang } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import type { HomeCard } from '../home/home-cards.js';
import { dutyRow, type DutyRow } from '../duties/duties.view-model.js';
import type { DutyUrgency } from '../duties/duty-status.js';
import type { UnassessedReport } from '../duties/duties.service.js';
import { DASHBOARD_PAGE_SIZE, DASHBOARD_URGENCIES, type Dashboard } from './dashboard.service.js';

const COUNT_CLASS: Record<(typeof DASHBOARD_URGENCIES)[number], string> = {
  overdue: 'danger',
  soon: 'warn',
  later: 'ok',
  no_deadline: '',
};

/** One report not yet assessed, with its AP clock (views/deadlines/dashboard.hbs, the inbox table). */
export interface InboxRow {
  incidentId: string;
  reference: string;
  /** The incident page, where the officer triages, sets awareness and starts the assessment. */
  href: string;
  assessmentHref: string;
  incidentStatus: string;
  incidentStatusLabel: string;
  reportedIso: string;
  reportedText: string;
  /** The AP clock's urgency, or no_deadline when there is none. */
  urgency: DutyUrgency;
  /** The AP duty (with its provisional mark) or null when the reporter said no personal data. */
  duty: DutyRow | null;
  /** "External, named" or "External, anonymous" for a report from the public page (issue 15); absent for an employee's. */
  sourceLabel?: string;
}

/** Everything views/deadlines/dashboard.hbs renders. */
export interface DashboardView {
  pageTitle: string;
  /** The inbox rows on this page: the list starts with them, before the duties. */
  inboxRows: InboxRow[];
  inboxTotal: number;
  rows: (DutyRow & { assessmentHref: string })[];
  counts: { urgency: string; label: string; count: number; badgeClass: string }[];
  calendar: { active: boolean; since: string };
  cards: HomeCard[];
  pager?: { page: number; pages: number; shown: string; prevHref?: string; nextHref?: string };
  pageInvalid: boolean;
}

/** Builds the dashboard page data in the page's language. */
export function dashboardView(
  board: Dashboard,
  calendar: { active: boolean; createdAt: Date | null },
  cards: HomeCard[],
  lang: Lang,
): DashboardView {
  // One list, paged as a whole: the inbox first, then the duties (issue 12).
  const { page, pages, pageInvalid } = board;
  const total = board.inboxTotal + board.dutiesTotal;
  const first = (page - 1) * DASHBOARD_PAGE_SIZE;
  const inboxShown = board.inbox;
  const shown = board.duties;
  return {
    pageTitle: 'dashboard.title',
    pageInvalid,
    inboxRows: inboxShown.map((r) => inboxRow(r, lang)),
    inboxTotal: board.inboxTotal,
    pager:
      pages > 1
        ? {
            page,
            pages,
            shown: translate(lang, 'dashboard.shown', {
              from: first + 1,
              to: first + inboxShown.length + shown.length,
              total,
            }),
            prevHref: page > 1 ? `/dashboard?page=${page - 1}` : undefined,
            nextHref: page < pages ? `/dashboard?page=${page + 1}` : undefined,
          }
        : undefined,
    rows: shown.map((d) => ({
      ...dutyRow(d, lang),
      assessmentHref: `/incidents/${encodeURIComponent(d.incidentId)}/assessment`,
    })),
    counts: DASHBOARD_URGENCIES.map((u) => ({
      urgency: u,
      label: translate(lang, `dashboard.count.${u}`),
      count: board.counts[u],
      badgeClass: board.counts[u] > 0 ? COUNT_CLASS[u] : 'muted',
    })),
    calendar: {
      active: calendar.active,
      since: calendar.createdAt ? formatAmsterdam(calendar.createdAt, lang) : '',
    },
    // The privacy officer's other starting points (the dashboard replaces the home page for them).
    cards: cards.filter((c) => c.href !== '/dashboard'),
  };
}

/** The row of one unassessed report. */
function inboxRow(r: UnassessedReport, lang: Lang): InboxRow {
  const id = encodeURIComponent(r.incident.id);
  const duty = r.authority ? dutyRow(r.authority, lang) : null;
  return {
    incidentId: r.incident.id,
    reference: r.incident.reference,
    href: `/incidents/${id}`,
    assessmentHref: `/incidents/${id}/assessment`,
    incidentStatus: r.incident.status,
    incidentStatusLabel: translate(lang, `incidents.status.${r.incident.status}`),
    reportedIso: r.incident.reportedInternallyAt.toISOString(),
    reportedText: formatAmsterdam(r.incident.reportedInternallyAt, lang),
    urgency: r.authority && r.authority.urgency !== 'done' ? r.authority.urgency : 'no_deadline',
    duty,
    ...(r.incident.source !== 'employee'
      ? { sourceLabel: translate(lang, `intake.source.${r.incident.source}`) }
      : {}),
  };
}
