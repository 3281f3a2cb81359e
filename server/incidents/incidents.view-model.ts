// What the report pages show: option lists with labels in the page's language, the form's values
// for re-rendering, the facts of an incident and its timeline. Plain data; views escape it.
import {
  AVAILABILITY_IMPACTS,
  BACKUP_AVAILABILITY,
  BREACH_TYPES,
  CONFIDENTIALITY_SCOPES,
  DATA_CATEGORIES,
  DISCOVERY_CHANNELS,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  INTEGRITY_IMPACTS,
  REPORT_AUTHORITIES,
  SPECIAL_DATA_CATEGORIES,
  SUBJECT_CATEGORIES,
  UNINTELLIGIBILITY_LEVELS,
  type Label,
} from '../../models/vocabulary/assessment.enums.js';
import {
  AVAILABILITY_IMPACT_LABELS,
  BACKUP_AVAILABILITY_LABELS,
  BREACH_TYPE_LABELS,
  CONFIDENTIALITY_SCOPE_LABELS,
  DATA_CATEGORY_LABELS,
  DISCOVERY_CHANNEL_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  INTEGRITY_IMPACT_LABELS,
  REPORT_AUTHORITY_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from '../assessments/assessment.labels.js';
import type { IncidentDoc } from '../../models/incident.model.js';
import type { IncidentEventDoc } from '../../models/incident-event.model.js';
import { translate, type Lang } from '../i18n/i18n.js';

/** One choice of a select, radio group or check-box group. */
export interface Option {
  value: string;
  label: string;
}

const options = (values: readonly string[], labels: Record<string, Label>, lang: Lang): Option[] =>
  values.map((value) => ({ value, label: labels[value]?.[lang] ?? value }));

/** The option lists of the report form. */
export function reportFormOptions(lang: Lang) {
  const special = new Set<string>(SPECIAL_DATA_CATEGORIES);
  const basic = DATA_CATEGORIES.filter((c) => !special.has(c) && c !== 'unknown');
  return {
    causes: options(INCIDENT_CAUSES, INCIDENT_CAUSE_LABELS, lang),
    natures: options(INCIDENT_NATURES, INCIDENT_NATURE_LABELS, lang),
    breachTypes: options(BREACH_TYPES, BREACH_TYPE_LABELS, lang),
    channels: options(DISCOVERY_CHANNELS, DISCOVERY_CHANNEL_LABELS, lang),
    basicData: options(basic, DATA_CATEGORY_LABELS, lang),
    specialData: options(SPECIAL_DATA_CATEGORIES, DATA_CATEGORY_LABELS, lang),
    unknownData: options(['unknown'], DATA_CATEGORY_LABELS, lang),
    subjects: options(SUBJECT_CATEGORIES, SUBJECT_CATEGORY_LABELS, lang),
    confidentiality: options(CONFIDENTIALITY_SCOPES, CONFIDENTIALITY_SCOPE_LABELS, lang),
    integrity: options(INTEGRITY_IMPACTS, INTEGRITY_IMPACT_LABELS, lang),
    availability: options(AVAILABILITY_IMPACTS, AVAILABILITY_IMPACT_LABELS, lang),
    backup: options(BACKUP_AVAILABILITY, BACKUP_AVAILABILITY_LABELS, lang),
    unintelligibility: options(UNINTELLIGIBILITY_LEVELS, UNINTELLIGIBILITY_LABELS, lang),
    reportedTo: options(REPORT_AUTHORITIES, REPORT_AUTHORITY_LABELS, lang),
  };
}

const LIST_FIELDS = ['incidentNature', 'breachTypes', 'dataCategories', 'subjectCategories', 'reportedTo'];
const TRI_DEFAULTS = [
  'vulnerableSubjects',
  'dataLeftOrganisation',
  'recipientTrusted',
  'deletionConfirmed',
  'dataRetrieved',
  'malicious',
  'processorInvolved',
];

/** The form's values: the defaults for a new form, or what the user sent (only strings kept). */
export function reportFormValues(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of TRI_DEFAULTS) out[f] = 'unknown';
  Object.assign(out, {
    confidentialityScope: 'unknown',
    integrityImpact: 'not_applicable',
    availabilityImpact: 'not_applicable',
  });
  Object.assign(out, { backupAvailable: 'unknown', unintelligibility: 'unknown' });
  for (const f of LIST_FIELDS) out[f] = [];
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') out[k] = LIST_FIELDS.includes(k) ? [v] : v;
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return out;
}

/** One fact of an incident for a definition list; a date is formatted by the view. */
export interface Fact {
  key: string;
  text?: string;
  date?: Date;
  /** Where the value came from, when not the reporter (issue 12: "gecorrigeerd door …"). */
  origin?: string;
}

const label = (labels: Record<string, Label>, v: string | null | undefined, lang: Lang) =>
  v ? (labels[v]?.[lang] ?? v) : undefined;
const labelList = (labels: Record<string, Label>, vs: readonly string[] | undefined, lang: Lang) =>
  vs?.length ? vs.map((v) => labels[v]?.[lang] ?? v).join(', ') : undefined;

/**
 * The facts of an incident in form order, leaving out what was not given. `origins` (by fact key)
 * marks the values the privacy officer corrected; without it these are the reporter's facts.
 */
export function incidentFacts(i: IncidentDoc, lang: Lang, origins: Record<string, string> = {}): Fact[] {
  const tri = (v: string | null | undefined) => label(TRI_STATE_LABELS, v, lang);
  const facts: Fact[] = [
    { key: 'incidents.field.summary', text: i.summary },
    { key: 'incidents.field.incidentCause', text: label(INCIDENT_CAUSE_LABELS, i.incidentCause, lang) },
    {
      key: 'incidents.field.incidentNature',
      text: labelList(INCIDENT_NATURE_LABELS, i.incidentNature, lang),
    },
    { key: 'incidents.field.breachTypes', text: labelList(BREACH_TYPE_LABELS, i.breachTypes, lang) },
    { key: 'incidents.field.occurredFrom', date: i.occurredFrom ?? undefined },
    { key: 'incidents.field.occurredTo', date: i.occurredTo ?? undefined },
    { key: 'incidents.field.ongoing', text: i.ongoing ? tri('yes') : undefined },
    { key: 'incidents.field.occurrenceUnknown', text: i.occurrenceUnknown ? tri('yes') : undefined },
    { key: 'incidents.field.discoveredAt', date: i.discoveredAt },
    {
      key: 'incidents.field.discoveryChannel',
      text: label(DISCOVERY_CHANNEL_LABELS, i.discoveryChannel, lang),
    },
    { key: 'incidents.field.personalDataInvolved', text: tri(i.personalDataInvolved) },
    { key: 'incidents.field.dataCategories', text: labelList(DATA_CATEGORY_LABELS, i.dataCategories, lang) },
    { key: 'incidents.field.dataDetail', text: i.dataDetail ?? undefined },
    {
      key: 'incidents.field.subjectCategories',
      text: labelList(SUBJECT_CATEGORY_LABELS, i.subjectCategories, lang),
    },
    { key: 'incidents.field.subjectsCountMin', text: numberText(i.subjectsCountMin) },
    { key: 'incidents.field.subjectsCountMax', text: numberText(i.subjectsCountMax) },
    { key: 'incidents.field.recordsCount', text: numberText(i.recordsCount) },
    { key: 'incidents.field.vulnerableSubjects', text: tri(i.vulnerableSubjects) },
    { key: 'incidents.field.dataLeftOrganisation', text: tri(i.dataLeftOrganisation) },
    { key: 'incidents.field.recipients', text: i.recipients ?? undefined },
    { key: 'incidents.field.recipientTrusted', text: tri(i.recipientTrusted) },
    { key: 'incidents.field.deletionConfirmed', text: tri(i.deletionConfirmed) },
    { key: 'incidents.field.dataRetrieved', text: tri(i.dataRetrieved) },
    {
      key: 'incidents.field.confidentialityScope',
      text: label(CONFIDENTIALITY_SCOPE_LABELS, i.confidentialityScope, lang),
    },
    { key: 'incidents.field.integrityImpact', text: label(INTEGRITY_IMPACT_LABELS, i.integrityImpact, lang) },
    {
      key: 'incidents.field.availabilityImpact',
      text: label(AVAILABILITY_IMPACT_LABELS, i.availabilityImpact, lang),
    },
    { key: 'incidents.field.unavailableHours', text: numberText(i.unavailableHours) },
    {
      key: 'incidents.field.backupAvailable',
      text: label(BACKUP_AVAILABILITY_LABELS, i.backupAvailable, lang),
    },
    { key: 'incidents.field.malicious', text: tri(i.malicious) },
    {
      key: 'incidents.field.unintelligibility',
      text: label(UNINTELLIGIBILITY_LABELS, i.unintelligibility, lang),
    },
    { key: 'incidents.field.systemsInvolved', text: i.systemsInvolved ?? undefined },
    { key: 'incidents.field.processorInvolved', text: tri(i.processorInvolved) },
    { key: 'incidents.field.processorName', text: i.processorName ?? undefined },
    { key: 'incidents.field.processorNotifiedAt', date: i.processorNotifiedAt ?? undefined },
    { key: 'incidents.field.otherEeaCountries', text: i.otherEeaCountries ?? undefined },
    { key: 'incidents.field.reportedTo', text: labelList(REPORT_AUTHORITY_LABELS, i.reportedTo, lang) },
    { key: 'incidents.field.reportedToOther', text: i.reportedToOther ?? undefined },
    { key: 'incidents.field.measuresTaken', text: i.measuresTaken ?? undefined },
  ];
  return facts
    .map((f) =>
      origins[f.key]
        ? {
            ...f,
            origin: origins[f.key],
            text: f.text ?? (f.date ? undefined : translate(lang, 'facts.notGiven')),
          }
        : f,
    )
    .filter((f) => f.text !== undefined || f.date !== undefined || f.origin !== undefined);
}

function numberText(n: number | null | undefined): string | undefined {
  return typeof n === 'number' ? String(n) : undefined;
}

/** One timeline line. */
export interface TimelineItem {
  at: Date;
  kindLabel: string;
  actorName?: string;
  text?: string;
  fromKey?: string;
  toKey?: string;
  detail?: string;
}

/** The timeline in order; status changes name both statuses. Other features' kinds show their own label when they define `incidents.event.<kind>`. */
export function timelineItems(events: readonly IncidentEventDoc[], lang: Lang): TimelineItem[] {
  return events.map((e) => {
    const key = `incidents.event.${e.kind}`;
    const known = translate(lang, key);
    const data = (e.data ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      at: e.at,
      kindLabel: known === key ? e.kind : known,
      actorName: e.actorName ?? undefined,
      text: e.text ?? undefined,
      fromKey: str(data.from) ? `incidents.status.${str(data.from)}` : undefined,
      toKey: str(data.to) ? `incidents.status.${str(data.to)}` : undefined,
      detail: str(data.filename) ?? str(data.handlerName),
    };
  });
}
