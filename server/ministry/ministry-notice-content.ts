// The content of a ministry notice (domain.md §8.4, §10.6): summary, risk decision, AP reference,
// counts, measures and contact — the data of the `ministry-notice` email. Summary and measures are
// texts the privacy officer wrote for the ministry (checked to hold no affected persons' data);
// everything else is counts, labels and our own contact details. Pure; always Dutch.
import { RISK_LEVEL_LABELS } from '../assessments/assessment.labels.js';
import { translate } from '../i18n/i18n.js';
import type { MailData } from '../../notifications/mail-types.js';

/** The `ministry-notice` email data. */
export type MinistryNoticeContent = MailData<'ministry-notice'>;

/** What the content is built from. */
export interface NoticeContentFacts {
  reference: string;
  followUp: boolean;
  organisation: {
    name: string;
    dpoName: string;
    dpoEmail: string;
    phone: string;
    role: 'controller' | 'processor';
  };
  riskLevel: string | null;
  discoveredAt: Date;
  subjectsCountMin?: number | null;
  subjectsCountMax?: number | null;
  recordsCount?: number | null;
  /** The first AP filing (controller) and whether the notification was withdrawn since. */
  apFiling: { apReference: string | null; submittedAt: Date; withdrawn: boolean } | null;
  summary: string;
  measures: string;
  link: string;
}

/**
 * The neutral starting texts of a first notice (issue 12, problem 5): never the reporter's own words,
 * which are internal and may name people. The "[[…]]" parts are for the officer to write; a notice
 * is not sent while one is left (server/privacy/outgoing-check.ts).
 */
export function neutralNoticeTexts(discoveredAt: Date): { summary: string; measures: string } {
  const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    discoveredAt,
  );
  return {
    summary: `Op ${day} hebben wij een datalek ontdekt. [[Beschrijf in algemene woorden wat er is gebeurd, zonder namen, nummers of andere gegevens van betrokkenen.]]`,
    measures:
      '[[Beschrijf welke maatregelen wij hebben genomen om het lek te stoppen en de gevolgen te beperken.]]',
  };
}

const n = (v: number) => v.toLocaleString('nl-NL');

/** "40 tot 55", "minstens 40", "hooguit 55", "40" or "nog niet bekend". */
export function subjectsCountText(min?: number | null, max?: number | null): string {
  const hasMin = typeof min === 'number';
  const hasMax = typeof max === 'number';
  if (hasMin && hasMax)
    return min === max ? n(min) : translate('nl', 'ministry.count.range', { min: n(min), max: n(max) });
  if (hasMin) return translate('nl', 'ministry.count.atLeast', { min: n(min) });
  if (hasMax) return translate('nl', 'ministry.count.atMost', { max: n(max) });
  return translate('nl', 'ministry.count.unknown');
}

/** Builds the notice content. */
export function buildNoticeContent(f: NoticeContentFacts): MinistryNoticeContent {
  const risk =
    f.riskLevel && f.riskLevel in RISK_LEVEL_LABELS
      ? RISK_LEVEL_LABELS[f.riskLevel as keyof typeof RISK_LEVEL_LABELS].nl
      : translate('nl', 'ministry.notAssessed');
  const processor = f.organisation.role === 'processor';
  return {
    reference: f.reference,
    followUp: f.followUp,
    processor,
    organisation: f.organisation.name,
    summary: f.summary,
    riskLevel: risk,
    apReference: !processor && f.apFiling ? f.apFiling.apReference : null,
    apFiledAt: !processor && f.apFiling ? f.apFiling.submittedAt : null,
    apWithdrawn: !processor && Boolean(f.apFiling?.withdrawn),
    subjectsCount: subjectsCountText(f.subjectsCountMin, f.subjectsCountMax),
    recordsCount:
      typeof f.recordsCount === 'number'
        ? translate('nl', 'ministry.count.about', { count: n(f.recordsCount) })
        : translate('nl', 'ministry.count.unknown'),
    measures: f.measures,
    contactName: f.organisation.dpoName,
    contactEmail: f.organisation.dpoEmail,
    contactPhone: f.organisation.phone.trim() || null,
    discoveredAt: f.discoveredAt,
    link: f.link,
  };
}
