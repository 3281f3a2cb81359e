// The Art. 33(5) register record of domain.md §10.7, one flat record per incident: facts, timeline
// dates, data/subject categories and counts, C/I/A, the latest assessment (ENISA inputs and result,
// decision, reasoning, decider, duties and deadlines), AP, data-subject and ministry fulfilments,
// measures, lessons learned and closure. The facts are those in force (issue 12: the reporter's as
// corrected by the privacy officer, server/facts/), with the origin of every corrected fact.
// The records are kept, compressed, by register-cache.ts.
import type { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import {
  effectiveFacts,
  withEffectiveFacts,
  type CorrectionFacts,
  type EffectiveFacts,
} from '../facts/effective-facts.js';
import { FACT_SPEC } from '../facts/fact-fields.js';

/** The columns of the export, in order (CSV header and JSON keys). */
export const REGISTER_FIELDS = [
  'reference',
  'year',
  'status',
  'reportedBy',
  'handler',
  'summary',
  'incidentCause',
  'incidentNature',
  'breachTypes',
  'occurredFrom',
  'occurredTo',
  'ongoing',
  'occurrenceUnknown',
  'discoveredAt',
  'discoveryChannel',
  'reportedInternallyAt',
  'awarenessAt',
  'awarenessNote',
  'personalDataInvolved',
  'dataCategories',
  'dataDetail',
  'subjectCategories',
  'subjectsCountMin',
  'subjectsCountMax',
  'recordsCount',
  'vulnerableSubjects',
  'dataLeftOrganisation',
  'recipients',
  'recipientTrusted',
  'deletionConfirmed',
  'dataRetrieved',
  'confidentialityScope',
  'integrityImpact',
  'availabilityImpact',
  'unavailableHours',
  'backupAvailable',
  'malicious',
  'unintelligibility',
  'systemsInvolved',
  'processorInvolved',
  'processorName',
  'processorNotifiedAt',
  'otherEeaCountries',
  'measuresTaken',
  'assessmentVersion',
  'assessmentVersions',
  'assessedAt',
  'assessedBy',
  'easeOfIdentification',
  'dpcAdjustment',
  'dpcAdjustmentReason',
  'dpcAdjustments',
  'dataProtection',
  'enisaDpc',
  'enisaEi',
  'enisaCb',
  'enisaScore',
  'enisaBand',
  'rulesFired',
  'ruleTexts',
  'assumptions',
  'consequences',
  'suggestedRisk',
  'riskLevel',
  'riskJustification',
  'art34Exception',
  'art34ExceptionReason',
  'dutyNotifyAuthority',
  'dutyInformSubjects',
  'dutyNotifyMinistry',
  'dutyPublicCommunication',
  'dutyNotifyController',
  'deadlineAuthority',
  'deadlineSubjects',
  'deadlineMinistry',
  'deadlineController',
  'authorityNotifiedAt',
  'authorityReference',
  'authorityLate',
  'authorityDelayReason',
  'authorityFollowups',
  'authorityWithdrawnAt',
  'subjectsInformedAt',
  'subjectsNoticeReference',
  'subjectsNoticeNote',
  'publicCommunicationAt',
  'ministryNotifiedAt',
  'ministryReference',
  'ministryLate',
  'ministryDelayReason',
  'notABreachReason',
  'closedAt',
  'closingMeasures',
  'lessonsLearned',
  'timeline',
  // Issue 12: facts the assessment adds, and where each corrected fact's value came from.
  'recipientsCount',
  'factOrigins',
] as const;

/** One register record. */
export type RegisterRecord = Record<(typeof REGISTER_FIELDS)[number], unknown>;

export interface StoredAssessment {
  _id?: Types.ObjectId;
  incidentId: Types.ObjectId;
  version: number;
  decidedAt: Date;
  assessorName: string;
  factsReason?: string | null;
  input?: Record<string, unknown>;
  result?: { enisa?: Record<string, unknown>; rules?: { id?: string; reason?: string; reasonNl?: string }[] };
  suggestedRisk: string;
  riskLevel: string;
  justification?: string;
  art34Exception?: string | null;
  art34ExceptionReason?: string;
  duties?: Record<string, boolean>;
  deadlines?: Record<string, Date | null>;
}

export interface StoredFulfilment {
  _id?: Types.ObjectId;
  incidentId: Types.ObjectId;
  duty: string;
  outcome: string;
  at: Date;
  ref?: string;
  late?: boolean;
  delayReason?: string;
  note?: string;
}

/** What one incident's register record is made of: the incident and its documents. */
export interface RegisterSources {
  incident: IncidentDoc;
  /** Every assessment version; the latest holds the decision, each may have confirmed facts. */
  assessments: StoredAssessment[];
  corrections: CorrectionFacts[];
  fulfilments: StoredFulfilment[];
  events: StoredEvent[];
}

/** One incident's register record from its documents (in any order). */
export function registerRecordOf(src: RegisterSources): RegisterRecord {
  const all = [...src.assessments].sort((a, b) => a.version - b.version);
  const facts = effectiveFacts(src.incident, all, src.corrections);
  return toRecord(
    withEffectiveFacts(src.incident, facts),
    facts,
    all.at(-1),
    all.length,
    [...src.fulfilments].sort(byTime),
    [...src.events].sort(byTime),
  );
}

/** Time order, then creation order (ObjectIds) for equal times. */
function byTime(a: { at: Date; _id?: unknown }, b: { at: Date; _id?: unknown }): number {
  return a.at.getTime() - b.at.getTime() || String(a._id).localeCompare(String(b._id));
}

/**
 * The register record of every incident, in no particular order, with its year and number.
 * Assessments, corrections, fulfilments and events are each read once, grouped by incident in
 * memory, and the incidents then stream past them: five reads in all, however many incidents
 * (issue 10; on FerretDB 1.x every `$in` query reads its whole collection, so reading them per
 * batch of incidents was quadratic).
 */
export async function* readAllRegisterRecords(): AsyncGenerator<{
  id: string;
  year: number;
  seq: number;
  record: RegisterRecord;
}> {
  const [assessments, corrections, fulfilments, events] = await Promise.all([
    grouped<StoredAssessment>(Assessment.find().lean<StoredAssessment>().cursor({ batchSize: 500 })),
    grouped<CorrectionFacts & { incidentId: Types.ObjectId }>(
      FactCorrection.find()
        .lean<CorrectionFacts & { incidentId: Types.ObjectId }>()
        .cursor({ batchSize: 1000 }),
    ),
    grouped<StoredFulfilment>(DutyFulfilment.find().lean<StoredFulfilment>().cursor({ batchSize: 1000 })),
    grouped<StoredEvent>(
      IncidentEvent.find().select(EVENT_FIELDS).lean<StoredEvent>().cursor({ batchSize: 1000 }),
    ),
  ]);
  for await (const incident of Incident.find().lean<IncidentDoc>().cursor({ batchSize: 500 })) {
    const key = String(incident._id);
    yield {
      id: key,
      year: incident.year,
      seq: incident.seq,
      record: registerRecordOf({
        incident,
        assessments: assessments.get(key) ?? [],
        corrections: corrections.get(key) ?? [],
        fulfilments: fulfilments.get(key) ?? [],
        events: events.get(key) ?? [],
      }),
    };
  }
}

/** The fields of an event the timeline column reads. */
export const EVENT_FIELDS = { incidentId: 1, at: 1, kind: 1, data: 1 } as const;

export interface StoredEvent {
  _id?: Types.ObjectId;
  incidentId: Types.ObjectId;
  at: Date;
  kind: string;
  data?: Record<string, unknown>;
}

async function grouped<T extends { incidentId: Types.ObjectId }>(
  rows: AsyncIterable<T>,
): Promise<Map<string, T[]>> {
  const m = new Map<string, T[]>();
  for await (const r of rows) {
    const key = String(r.incidentId);
    const list = m.get(key);
    if (list) list.push(r);
    else m.set(key, [r]);
  }
  return m;
}

function toRecord(
  i: IncidentDoc & { recipientsCount?: number; protection?: Record<string, string> },
  facts: EffectiveFacts,
  a: StoredAssessment | undefined,
  versionCount: number,
  fulfilments: StoredFulfilment[],
  events: { at: Date; kind: string; data?: Record<string, unknown> }[],
): RegisterRecord {
  const enisa = a?.result?.enisa ?? {};
  const done = (duty: string) => fulfilments.filter((f) => f.duty === duty && f.outcome === 'fulfilled');
  const first = (duty: string) => done(duty)[0];
  const authority = first('authority');
  const subjects = first('subjects');
  const ministry = first('ministry');
  const withdrawn = fulfilments.find((f) => f.duty === 'authority' && f.outcome === 'cancelled');
  const input = a?.input ?? {};
  return {
    reference: i.reference,
    year: i.year,
    status: i.status,
    reportedBy: i.reporterName,
    handler: i.handlerName ?? null,
    summary: i.summary,
    incidentCause: i.incidentCause,
    incidentNature: i.incidentNature,
    breachTypes: i.breachTypes,
    occurredFrom: i.occurredFrom ?? null,
    occurredTo: i.occurredTo ?? null,
    ongoing: i.ongoing,
    occurrenceUnknown: i.occurrenceUnknown,
    discoveredAt: i.discoveredAt,
    discoveryChannel: i.discoveryChannel ?? null,
    reportedInternallyAt: i.reportedInternallyAt,
    awarenessAt: i.awarenessAt ?? null,
    awarenessNote: i.awarenessNote ?? null,
    personalDataInvolved: i.personalDataInvolved,
    dataCategories: i.dataCategories,
    dataDetail: i.dataDetail ?? null,
    subjectCategories: i.subjectCategories,
    subjectsCountMin: i.subjectsCountMin ?? null,
    subjectsCountMax: i.subjectsCountMax ?? null,
    recordsCount: i.recordsCount ?? null,
    vulnerableSubjects: i.vulnerableSubjects,
    dataLeftOrganisation: i.dataLeftOrganisation,
    recipients: i.recipients ?? null,
    recipientTrusted: i.recipientTrusted,
    deletionConfirmed: i.deletionConfirmed,
    dataRetrieved: i.dataRetrieved,
    confidentialityScope: i.confidentialityScope,
    integrityImpact: i.integrityImpact,
    availabilityImpact: i.availabilityImpact,
    unavailableHours: i.unavailableHours ?? null,
    backupAvailable: i.backupAvailable,
    malicious: i.malicious,
    unintelligibility: i.unintelligibility,
    systemsInvolved: i.systemsInvolved ?? null,
    processorInvolved: i.processorInvolved,
    processorName: i.processorName ?? null,
    processorNotifiedAt: i.processorNotifiedAt ?? null,
    otherEeaCountries: i.otherEeaCountries ?? null,
    measuresTaken: i.measuresTaken ?? null,
    assessmentVersion: a?.version ?? null,
    assessmentVersions: versionCount,
    assessedAt: a?.decidedAt ?? null,
    assessedBy: a?.assessorName ?? null,
    easeOfIdentification: input.easeOfIdentification ?? null,
    dpcAdjustment: input.dpcAdjustment ?? null,
    dpcAdjustmentReason: input.dpcAdjustmentReason ?? null,
    dpcAdjustments: perCategory(input.dpcAdjustments),
    // The protection in force (the officer may have corrected it after the latest assessment).
    dataProtection: perCategory(i.protection ?? input.protection),
    enisaDpc: enisa.dpc ?? null,
    enisaEi: enisa.ei ?? null,
    enisaCb: enisa.cb ?? null,
    enisaScore: enisa.score ?? null,
    enisaBand: enisa.band ?? null,
    rulesFired: a?.result?.rules?.map((r) => r.id).filter(Boolean) ?? [],
    // Art. 33(5) documentation: the reasons themselves, not only their ids (domain.md §10.8 item 8).
    ruleTexts: (a?.result?.rules ?? [])
      .filter((r) => r.id)
      .map((r) => `${r.id}: ${r.reasonNl ?? r.reason ?? ''}`),
    assumptions: (a?.result?.rules ?? [])
      .filter((r) => r.id?.startsWith('assume.'))
      .map((r) => r.reasonNl ?? r.reason ?? r.id),
    consequences: Array.isArray(input.consequences) ? input.consequences : [],
    suggestedRisk: a?.suggestedRisk ?? null,
    riskLevel: a?.riskLevel ?? null,
    riskJustification: a?.justification ?? null,
    art34Exception: a?.art34Exception ?? null,
    art34ExceptionReason: a?.art34ExceptionReason ?? null,
    dutyNotifyAuthority: a?.duties?.notifyAuthority ?? null,
    dutyInformSubjects: a?.duties?.informSubjects ?? null,
    dutyNotifyMinistry: a?.duties?.notifyMinistry ?? null,
    dutyPublicCommunication: a?.duties?.publicCommunication ?? null,
    // Art. 33(2) as processor (domain.md §10.8 item 7).
    dutyNotifyController: a?.duties?.notifyController ?? null,
    deadlineAuthority: a?.deadlines?.authority ?? null,
    deadlineSubjects: a?.deadlines?.subjects ?? null,
    deadlineMinistry: a?.deadlines?.ministry ?? null,
    deadlineController: a?.deadlines?.controller ?? null,
    authorityNotifiedAt: authority?.at ?? null,
    authorityReference: authority?.ref ?? null,
    authorityLate: authority?.late ?? null,
    authorityDelayReason: authority?.delayReason ?? null,
    authorityFollowups: done('authority_followup').map((f) => f.at),
    authorityWithdrawnAt: withdrawn?.at ?? null,
    subjectsInformedAt: subjects?.at ?? null,
    subjectsNoticeReference: subjects?.ref ?? null,
    subjectsNoticeNote: subjects?.note ?? null,
    publicCommunicationAt: first('public')?.at ?? null,
    ministryNotifiedAt: ministry?.at ?? null,
    ministryReference: ministry?.ref ?? null,
    ministryLate: ministry?.late ?? null,
    ministryDelayReason: ministry?.delayReason ?? null,
    notABreachReason: i.notABreachReason ?? null,
    closedAt: i.closedAt ?? null,
    closingMeasures: i.closingMeasures ?? null,
    lessonsLearned: i.lessonsLearned ?? null,
    timeline: events.map((e) => timelineEntry(e)),
    recipientsCount: i.recipientsCount ?? null,
    factOrigins: factOrigins(facts),
  };
}

// "field: corrected by NAME at ISO (assessment version N | correction version N): reason" for every
// fact whose value in force is not the reporter's (Art. 33(5): the register documents who decided what).
function factOrigins(facts: EffectiveFacts): string[] {
  const out: string[] = [];
  for (const [name, o] of Object.entries(facts.origins)) {
    if (o.by !== 'officer' || !FACT_SPEC.has(name)) continue;
    const via =
      o.correctionVersion !== null
        ? `correctie ${o.correctionVersion}`
        : `beoordeling ${o.assessmentVersion ?? ''}`;
    out.push(`${name}: ${o.name} ${o.at.toISOString()} (${via})${o.reason ? `: ${o.reason}` : ''}`);
  }
  return out;
}

// A per-category record of the assessment input as "category=value" items (§10.8 items 1, 5).
function perCategory(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
}

function timelineEntry(e: { at: Date; kind: string; data?: Record<string, unknown> }): string {
  const d = e.data ?? {};
  const change = typeof d.from === 'string' && typeof d.to === 'string' ? ` ${d.from}→${d.to}` : '';
  return `${e.at.toISOString()} ${e.kind}${change}`;
}
