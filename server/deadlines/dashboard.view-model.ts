// The dashboard's view data: rows in urgency order, counts per urgency, the calendar-link status.
import type { Lang } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import type { HomeCard } from '../home/home-cards.js';
import { dutyRow, type DutyRow } from '../duties/duties.view-model.js';
import { DASHBOARD_URGENCIES, type Dashboard } from './dashboard.service.js';

const COUNT_CLASS: Record<(typeof DASHBOARD_URGENCIES)[number], string> = {
  overdue: 'danger',
  soon: 'warn',
  later: 'ok',
  no_deadline: '',
};

/** Duties per dashboard page: the most urgent come first, so page 1 is what needs doing now. */
export const DASHBOARD_PAGE_SIZE = 100;

/** Everything views/deadlines/dashboard.hbs renders. */
export interface DashboardView {
  pageTitle: string;
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
  /** null: the request named a page that is not a whole number from 1. */
  requestedPage: number | null = 1,
): DashboardView {
  const total = board.duties.length;
  const pages = Math.max(1, Math.ceil(total / DASHBOARD_PAGE_SIZE));
  const pageInvalid = requestedPage === null || requestedPage > pages;
  const page = pageInvalid || requestedPage === null ? 1 : requestedPage;
  const first = (page - 1) * DASHBOARD_PAGE_SIZE;
  const shown = board.duties.slice(first, first + DASHBOARD_PAGE_SIZE);
  return {
    pageTitle: 'dashboard.title',
    pageInvalid,
    pager:
      pages > 1
        ? {
            page,
            pages,
            shown: translate(lang, 'dashboard.shown', { from: first + 1, to: first + shown.length, total }),
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
    calendar: { active: calendar.active, since: calendar.createdAt ? formatAmsterdam(calendar.createdAt, lang) : '' },
    // The privacy officer's other starting points (the dashboard replaces the home page for them).
    cards: cards.filter((c) => c.href !== '/dashboard'),
  };
}
