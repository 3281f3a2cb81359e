// The answers of the AP dossier, section by section in the form's order (domain.md §8.1). Labels
// are the shared NL/EN enumeration labels (assessment.labels.ts); times are shown in
// Europe/Amsterdam (§10.5). Pure.
import type { Label } from '../../models/vocabulary/assessment.enums.js';
import { SPECIAL_DATA_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
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
  REPORT_AUTHORITY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from '../assessments/assessment.labels.js';
import type { Unintelligibility } from '../../models/vocabulary/assessment.enums.js';
import { UNINTELLIGIBILITY_LEVELS } from '../../models/vocabulary/assessment.enums.js';
import {
  AP_INFORMING_OPTIONS,
  AP_PROTECTION_OPTIONS,
  AP_YES_NO_OPTIONS,
  apConsequences,
  apData,
  apIncident,
  apNature,
  apOption,
  apProtection,
  apSubjects,
  otherNamely,
  TRI_TO_AP,
} from './ap-options.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { DossierDetailsFacts, DossierFacts, SectionAnswers } from './dossier.js';
import { hasPlaceholder } from '../privacy/placeholders.js';
import { awarenessOrDiscovery } from '../register/awareness-rule.js';

type Row = { id: string; answer: string | null; required: boolean; apOptions?: string[] | null };

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
  const row = (id: string, answer: string | null, required = true, apOptions?: string[] | null): Row => ({
    id,
    answer,
    required,
    apOptions,
  });
  const d = f.details ?? null;
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
    // The filer's own direct number (§8.1 section 1: mandatory); the organisation's general number
    // stays the contact point's below. Typed in the filing form, so missing until then.
    row('filerPhone', text(filing.filerPhone)),
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
    row(
      'cause',
      label(INCIDENT_CAUSE_LABELS, i.incidentCause, lang),
      true,
      apIncident(i.incidentCause, lang),
    ),
    row(
      'nature',
      labels(INCIDENT_NATURE_LABELS, i.incidentNature, lang),
      true,
      apNature(i.incidentNature, lang),
    ),
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
      true,
      apData(general, lang),
    ),
    row(
      'specialCategories',
      categories.length ? (special.length ? labels(DATA_CATEGORY_LABELS, special, lang) : t('none')) : null,
      true,
      apData(special, lang),
    ),
    row('dataDetail', text(i.dataDetail), false),
    row('recordsCount', num(i.recordsCount, lang)),
  ];

  // 5. Affected persons (the AP asks for a minimum and a maximum)
  const s5: Row[] = [
    row(
      'subjectCategories',
      labels(SUBJECT_CATEGORY_LABELS, i.subjectCategories, lang),
      true,
      apSubjects(i.subjectCategories, lang),
    ),
    row('subjectsCountMin', num(i.subjectsCountMin, lang)),
    row('subjectsCountMax', num(i.subjectsCountMax, lang)),
    row('vulnerable', knownLabel(TRI_STATE_LABELS, i.vulnerableSubjects, lang)),
  ];

  // 6. Measures before the breach, and the protection of each data category (§10.8 item 1): the
  // AP's yes / partly / no follows from all categories together (ap-options.ts).
  const protection = protectionByCategory(f);
  const protectionAnswer = apProtection(protection.map((p) => p.level));
  // One level for all categories is named; different levels point to the next answer; a category
  // whose protection is not known yet leaves the question open (still to find out).
  const levels = [...new Set(protection.map((p) => p.level))];
  const unintelligibility = !levels.length
    ? knownLabel(UNINTELLIGIBILITY_LABELS, i.unintelligibility, lang)
    : levels.includes('unknown')
      ? null
      : levels.length === 1
        ? label(UNINTELLIGIBILITY_LABELS, levels[0], lang)
        : t('protection.mixed');
  const s6: Row[] = [
    row(
      'unintelligibility',
      unintelligibility,
      true,
      protectionAnswer ? [apOption(AP_PROTECTION_OPTIONS, protectionAnswer, lang)] : null,
    ),
    row('protectionPerCategory', protectionText(protection, lang), false),
    row('protectionMethod', text(d?.protectionMethod), false),
    row('measuresBefore', text(d?.measuresBefore), false),
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
    row(
      'consequences',
      labels(CONSEQUENCE_LABELS, a?.input?.consequences, lang),
      true,
      apConsequences(a?.input?.consequences, lang),
    ),
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
  const informing = informingState(f);
  const s8: Row[] = [
    row(
      'subjectsInformed',
      subjectsInformed(f, t, when),
      true,
      informing ? [apOption(AP_INFORMING_OPTIONS, informing, lang)] : null,
    ),
  ];
  if (informing === 'yes') s8.push(...informedRows(f, t, when, row));
  // Not informing needs written reasons (§10.8 item 8): the officer's own words for the AP, else
  // the grounds of the Art. 34(3) exception, else the reasons of the decision.
  if (informing === 'no')
    s8.push(
      row(
        'notInformingReason',
        text(d?.notInformingReason) ??
          (a?.art34Exception && a.art34Exception !== 'none' ? text(a.art34ExceptionReason) : null) ??
          text(a?.justification),
      ),
    );
  s8.push(
    row('measuresTaken', text(i.measuresTaken)),
    row('otherCountries', text(i.otherEeaCountries)),
    row(
      'crossBorder',
      knownLabel(TRI_STATE_LABELS, d?.crossBorder, lang),
      false,
      d?.crossBorder
        ? [apOption(AP_YES_NO_OPTIONS, TRI_TO_AP[d.crossBorder as 'yes'] ?? 'not_known', lang)]
        : null,
    ),
    row(
      'otherAuthorities',
      d?.otherAuthorities === 'yes'
        ? t('otherAuthorities.yes', { which: text(d.otherAuthoritiesWhich) ?? '?' })
        : knownLabel(TRI_STATE_LABELS, d?.otherAuthorities, lang),
      false,
      d?.otherAuthorities
        ? [apOption(AP_YES_NO_OPTIONS, TRI_TO_AP[d.otherAuthorities as 'yes'] ?? 'not_known', lang)]
        : null,
    ),
  );

  // 9. Other: reports to other authorities (the officer's answer, else the reporter's), and the
  // FG's advice apart from the decision and who took it (§10.4 step 6).
  const s9: Row[] = [
    row('otherReports', otherReports(d, i, lang), false),
    row('ownReference', i.reference),
    row('fgAdvice', fgAdvice(f, t, when), false),
    row('decision', decisionText(f, t, when), false),
  ];

  return [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9];
}

function subjectsInformed(
  f: DossierFacts,
  t: (key: string, vars?: Record<string, unknown>) => string,
  when: (d: Date | null | undefined) => string | null,
): string | null {
  const a = f.assessment;
  const informedAt = f.informing?.firstAt ?? f.subjectsInformedAt;
  if (informedAt) return t('informed.done', { at: when(informedAt) });
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

/** The protection level of each data category of the breach (§10.8 item 1). */
function protectionByCategory(f: DossierFacts): Array<{ category: string; level: Unintelligibility }> {
  const input = f.assessment?.input;
  const categories = (
    input?.dataCategories?.length ? input.dataCategories : (f.incident.dataCategories ?? [])
  ).filter((c) => c !== 'unknown');
  const valid = (v: string | null | undefined): Unintelligibility | undefined =>
    v && (UNINTELLIGIBILITY_LEVELS as readonly string[]).includes(v) ? (v as Unintelligibility) : undefined;
  // A category's own value, else the assessment's general value, else the intake's (protection.ts).
  return [...new Set(categories)].map((category) => ({
    category,
    level:
      valid(input?.protection?.[category]) ??
      valid(input?.unintelligibility) ??
      valid(f.incident.unintelligibility) ??
      'unknown',
  }));
}

/** "Geen beveiliging: NAW-gegevens; BSN | Versleuteld …: Gezondheid", per level; null while all unknown. */
function protectionText(
  rows: Array<{ category: string; level: Unintelligibility }>,
  lang: Lang,
): string | null {
  if (!rows.length || rows.every((r) => r.level === 'unknown')) return null;
  const byLevel = new Map<Unintelligibility, string[]>();
  for (const r of rows)
    byLevel.set(r.level, [
      ...(byLevel.get(r.level) ?? []),
      DATA_CATEGORY_LABELS[r.category as 'phone']?.[lang] ?? r.category,
    ]);
  return [...byLevel]
    .map(([level, cats]) => `${UNINTELLIGIBILITY_LABELS[level][lang]}: ${cats.join('; ')}`)
    .join(' | ');
}

/** The AP's answer to "informing the affected persons": yes, planned, no; null while not known. */
function informingState(f: DossierFacts): 'yes' | 'planned' | 'no' | null {
  const a = f.assessment;
  if (f.informing || f.subjectsInformedAt) return 'yes';
  if (f.organisation.role === 'processor' || !a) return null;
  if (a.duties?.publicCommunication) return 'no';
  if (a.riskLevel === 'high' && a.art34Exception && a.art34Exception !== 'none') return 'no';
  if (a.riskLevel === 'high') return 'planned';
  return 'no';
}

type T = (key: string, vars?: Record<string, unknown>) => string;
type When = (d: Date | null | undefined) => string | null;

/** Date, channel, number reached and the text sent, from the notice runs (§10.7). */
function informedRows(
  f: DossierFacts,
  t: T,
  when: When,
  row: (id: string, answer: string | null, required?: boolean) => Row,
): Row[] {
  const n = f.informing;
  const lang = f.lang;
  const count = (x: number) => x.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  const channels = n
    ? [
        n.emailSent ? t('channel.email', { count: count(n.emailSent) }) : null,
        n.lettersPosted ? t('channel.letter', { count: count(n.lettersPosted) }) : null,
        ...n.publications.map((p) => t('channel.public', { where: p.where, at: when(p.publishedAt) })),
      ].filter((x): x is string => !!x)
    : [];
  const reached = n ? n.emailSent + n.lettersPosted : 0;
  return [
    row('informedAt', when(n?.firstAt ?? f.subjectsInformedAt)),
    row('informedChannel', channels.length ? channels.join('; ') : null),
    row('informedCount', reached ? count(reached) : n?.publications.length ? t('informed.publicOnly') : null),
    row('informedText', n?.text ?? null, false),
  ];
}

function otherReports(d: DossierDetailsFacts | null, i: DossierFacts['incident'], lang: Lang): string | null {
  const officer = d?.reportedTo?.length ? d : null;
  const list = officer ? officer.reportedTo : (i.reportedTo ?? []);
  const other = text(officer ? officer.reportedToOther : i.reportedToOther);
  if (!list.length) return null;
  return list
    .map((k) =>
      k === 'other' ? otherNamely(other ?? '?', lang) : (REPORT_AUTHORITY_LABELS[k as 'police']?.[lang] ?? k),
    )
    .join('; ');
}

function fgAdvice(f: DossierFacts, t: T, when: When): string | null {
  const d = f.details;
  const advice = text(d?.fgAdvice);
  if (!d || !advice) return null;
  return t('fgAdvice', { name: text(d.fgName) ?? f.organisation.dpoName, at: when(d.fgAdvisedAt), advice });
}

function decisionText(f: DossierFacts, t: T, when: When): string | null {
  const d = f.details;
  const decision = text(d?.decision);
  if (!d || !decision) return null;
  const follows = d.followsAdvice
    ? t(`follows.${d.followsAdvice}`, { reason: text(d.deviationReason) ?? '' }).trim()
    : t('follows.noAdvice');
  return t('decision', { decision, by: text(d.decidedBy) ?? '?', at: when(d.decidedAt), follows });
}
