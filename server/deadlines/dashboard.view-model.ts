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

/** Everything views/deadlines/dashboard.hbs renders. */
export interface DashboardView {
  pageTitle: string;
  rows: (DutyRow & { assessmentHref: string })[];
  counts: { urgency: string; label: string; count: number; badgeClass: string }[];
  calendar: { active: boolean; since: string };
  cards: HomeCard[];
}

/** Builds the dashboard page data in the page's language. */
export function dashboardView(
  board: Dashboard,
  calendar: { active: boolean; createdAt: Date | null },
  cards: HomeCard[],
  lang: Lang,
): DashboardView {
  return {
    pageTitle: 'dashboard.title',
    rows: board.duties.map((d) => ({
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
