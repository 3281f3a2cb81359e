// The answers of the AP dossier, section by section in the form's order (domain.md §8.1). Labels
// are the shared NL/EN enumeration labels (assessment.labels.ts); times are shown in
// Europe/Amsterdam (§10.5). Pure.
import type { Label } from '../assessments/assessment.enums.js';
import { SPECIAL_DATA_CATEGORIES } from '../assessments/assessment.enums.js';
import {
  ART34_EXCEPTION_LABELS,
  AVAILABILITY_IMPACT_LABELS,
  BACKUP_AVAILABILITY_LABELS,
  BREACH_TYPE_LABELS,
  CONFIDENTIALITY_SCOPE_LABELS,
  CONSEQUENCE_LABELS,
  DATA_CATEGORY_LABELS,
  ENISA_BAND_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  INTEGRITY_IMPACT_LABELS,
  RISK_LEVEL_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from '../assessments/assessment.labels.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { DossierFacts, SectionAnswers } from './dossier.js';
import { hasPlaceholder } from '../privacy/placeholders.js';
import { awarenessOrDiscovery } from '../register/awareness-rule.js';

type Row = { id: string; answer: string | null; required: boolean };

const SPECIAL = new Set<string>(SPECIAL_DATA_CATEGORIES);

function label(table: Record<string, Label>, key: string | null | undefined, lang: Lang): string | null {
  if (!key) return null;
  return table[key]?.[lang] ?? null;
}

/** Labels of a list, joined; null when empty or only "unknown" (not known yet). */
function labels(
  table: Record<string, Label>,
  keys: readonly string[] | null | undefined,
  lang: Lang,
): string | null {
  const known = (keys ?? []).filter((k) => k !== 'unknown');
  if (!known.length) return null;
  return known.map((k) => table[k]?.[lang] ?? k).join('; ');
}

/** A tri-state or enumeration answer where "unknown" means not known yet. */
function knownLabel(table: Record<string, Label>, key: string | null | undefined, lang: Lang): string | null {
  return key && key !== 'unknown' ? label(table, key, lang) : null;
}

function text(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function num(n: number | null | undefined, lang: Lang): string | null {
  return typeof n === 'number' && Number.isFinite(n)
    ? n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 })
    : null;
}

/** The answers of sections 0–9 for the facts. */
export function dossierAnswers(f: DossierFacts): SectionAnswers {
  const { incident: i, assessment: a, organisation: org, filing, lang } = f;
  const t = (key: string, vars?: Record<string, unknown>) => translate(lang, `dossier.a.${key}`, vars);
  const when = (d: Date | null | undefined) => (d ? formatAmsterdam(d, lang) : null);
  const row = (id: string, answer: string | null, required = true): Row => ({ id, answer, required });
  const processorRole = org.role === 'processor';

  // 0. About this notification
  const s0: Row[] = [
    row('notificationType', t(`type.${filing.kind}`)),
    row(
      'preparedFor',
      processorRole
        ? t('preparedFor.controller', { party: org.commissioningParty })
        : t('preparedFor.authority'),
    ),
    row('legalBasis', t('legalBasis')),
    row('apReference', filing.kind === 'initial' ? t('noPrevious') : text(filing.apReference)),
    row('complete', t(filing.complete ? 'complete.yes' : 'complete.no')),
  ];
  if (filing.kind === 'withdrawal') s0.push(row('withdrawalReason', text(filing.withdrawalReason)));

  // 1. Contact details: as processor the dossier is prepared for the controller, who files it.
  const otherProcessor =
    i.processorInvolved === 'yes'
      ? i.processorNotifiedAt
        ? t('processor.yesNotified', {
            name: i.processorName?.trim() || '?',
            at: when(i.processorNotifiedAt),
          })
        : t('processor.yes', { name: i.processorName?.trim() || '?' })
      : i.processorInvolved === 'no'
        ? TRI_STATE_LABELS.no[lang]
        : null;
  const processorAnswer = processorRole
    ? i.processorInvolved === 'yes'
      ? t('processor.selfAnd', { name: org.name, other: otherProcessor })
      : t('processor.self', { name: org.name })
    : otherProcessor;
  const s1: Row[] = [
    row('orgName', processorRole ? text(org.commissioningParty) : text(org.name)),
    // As processor the dossier goes to the controller, who knows its own address: not asked.
    row('orgAddress', processorRole ? null : text(org.address), !processorRole),
    row('orgSector', text(org.sector)),
    row('orgRegistration', text(org.registrationNumber), false),
    row('filerName', text(f.filer.name)),
    row('filerFunction', text(f.filer.functionLabel)),
    row('filerPhone', text(org.phone)),
    row('filerEmail', text(f.filer.email), false),
    row('contactName', text(org.dpoName)),
    row('contactEmail', text(org.dpoEmail)),
    row('contactPhone', text(org.phone)),
    row('processor', processorAnswer),
  ];

  // 2. Timeline; the reason for delay is required once the deadline has passed (domain.md §10.5).
  let occurred: string | null = null;
  if (i.occurrenceUnknown) occurred = t('occurred.unknown');
  else if (i.occurredFrom && i.occurredTo)
    occurred = t('occurred.range', { from: when(i.occurredFrom), to: when(i.occurredTo) });
  else if (i.occurredFrom) occurred = t('occurred.from', { from: when(i.occurredFrom) });
  else if (i.occurredTo) occurred = t('occurred.until', { to: when(i.occurredTo) });
  const awarenessAt = a?.awarenessAt ?? awarenessOrDiscovery(i);
  const late = f.deadline !== null && filing.submittedAt.getTime() > f.deadline.getTime();
  const lateAnswer = late
    ? text(filing.reasonForDelay)
    : f.deadline
      ? t('late.notLate', { deadline: when(f.deadline) })
      : t('late.noDeadline');
  const s2: Row[] = [
    row('occurred', occurred),
    row('ongoing', typeof i.ongoing === 'boolean' ? TRI_STATE_LABELS[i.ongoing ? 'yes' : 'no'][lang] : null),
    row('discoveredAt', when(i.discoveredAt)),
    row('awarenessAt', when(awarenessAt)),
    row('lateReason', lateAnswer),
  ];

  // 3. The breach
  const s3: Row[] = [
    // The officer's own summary for the AP, never the reporter's (a neutral draft until written).
    row('summary', hasPlaceholder(filing.summary) ? null : text(filing.summary)),
    row('cause', label(INCIDENT_CAUSE_LABELS, i.incidentCause, lang)),
    row('nature', labels(INCIDENT_NATURE_LABELS, i.incidentNature, lang)),
    row('breachTypes', labels(BREACH_TYPE_LABELS, i.breachTypes, lang)),
  ];

  // 4. Personal data: general and special categories separately, as the form asks them.
  const categories = (i.dataCategories ?? []).filter((c) => c !== 'unknown');
  const general = categories.filter((c) => !SPECIAL.has(c));
  const special = categories.filter((c) => SPECIAL.has(c));
  const s4: Row[] = [
    row(
      'dataCategories',
      categories.length
        ? general.length
          ? labels(DATA_CATEGORY_LABELS, general, lang)
          : t('onlySpecial')
        : null,
    ),
    row(
      'specialCategories',
      categories.length ? (special.length ? labels(DATA_CATEGORY_LABELS, special, lang) : t('none')) : null,
    ),
    row('dataDetail', text(i.dataDetail), false),
    row('recordsCount', num(i.recordsCount, lang)),
  ];

  // 5. Affected persons (the AP asks for a minimum and a maximum)
  const s5: Row[] = [
    row('subjectCategories', labels(SUBJECT_CATEGORY_LABELS, i.subjectCategories, lang)),
    row('subjectsCountMin', num(i.subjectsCountMin, lang)),
    row('subjectsCountMax', num(i.subjectsCountMax, lang)),
    row('vulnerable', knownLabel(TRI_STATE_LABELS, i.vulnerableSubjects, lang)),
  ];

  // 6. Measures before the breach
  const s6: Row[] = [
    row('unintelligibility', knownLabel(UNINTELLIGIBILITY_LABELS, i.unintelligibility, lang)),
    row('systemsInvolved', text(i.systemsInvolved), false),
  ];

  // 7. Consequences
  let availability = label(AVAILABILITY_IMPACT_LABELS, i.availabilityImpact, lang);
  if (availability && i.availabilityImpact && i.availabilityImpact !== 'not_applicable') {
    const extra = [
      typeof i.unavailableHours === 'number' ? t('hours', { hours: num(i.unavailableHours, lang) }) : null,
      i.backupAvailable && i.backupAvailable !== 'not_applicable'
        ? t('backup', { value: label(BACKUP_AVAILABILITY_LABELS, i.backupAvailable, lang) })
        : null,
    ].filter(Boolean);
    if (extra.length) availability = `${availability}; ${extra.join('; ')}`;
  }
  const enisa = a?.result?.enisa;
  const s7: Row[] = [
    row('confidentiality', knownLabel(CONFIDENTIALITY_SCOPE_LABELS, i.confidentialityScope, lang)),
    row('integrity', label(INTEGRITY_IMPACT_LABELS, i.integrityImpact, lang)),
    row('availability', availability),
    row('consequences', labels(CONSEQUENCE_LABELS, a?.input?.consequences, lang)),
    row(
      'severity',
      a
        ? enisa && typeof enisa.score === 'number'
          ? t('severity', {
              risk: label(RISK_LEVEL_LABELS, a.riskLevel, lang),
              score: num(enisa.score, lang),
              band: label(ENISA_BAND_LABELS, enisa.band, lang),
            })
          : label(RISK_LEVEL_LABELS, a.riskLevel, lang)
        : null,
    ),
  ];

  // 8. Follow-up: informing affected persons (Art. 34), measures, international aspects.
  const s8: Row[] = [
    row('subjectsInformed', subjectsInformed(f, t, when)),
    row('measuresTaken', text(i.measuresTaken)),
    row('otherCountries', text(i.otherEeaCountries)),
    row('otherAuthorities', null, false),
  ];

  // 9. Other
  const s9: Row[] = [row('otherReports', null, false), row('ownReference', i.reference)];

  return [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9];
}

function subjectsInformed(
  f: DossierFacts,
  t: (key: string, vars?: Record<string, unknown>) => string,
  when: (d: Date | null | undefined) => string | null,
): string | null {
  const a = f.assessment;
  if (f.subjectsInformedAt) return t('informed.done', { at: when(f.subjectsInformedAt) });
  if (f.organisation.role === 'processor') return t('informed.processor');
  if (!a) return null;
  if (a.duties?.publicCommunication) return t('informed.public');
  if (a.riskLevel === 'high' && a.art34Exception && a.art34Exception !== 'none') {
    return t('informed.exception', {
      exception: label(ART34_EXCEPTION_LABELS, a.art34Exception, f.lang) ?? a.art34Exception,
      reason: a.art34ExceptionReason?.trim() ?? '',
    }).trim();
  }
  if (a.riskLevel === 'high') return t('informed.planned');
  return t('informed.notHigh');
}
