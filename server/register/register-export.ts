// The Art. 33(5) register record of domain.md §10.7, one flat record per incident: facts, timeline
// dates, data/subject categories and counts, C/I/A, the latest assessment (ENISA inputs and result,
// decision, reasoning, decider, duties and deadlines), AP, data-subject and ministry fulfilments,
// measures, lessons learned and closure. The facts are those in force (issue 12: the reporter's as
// corrected by the privacy officer, server/facts/), with the origin of every corrected fact. Read
// with a cursor in batches: never the whole register in memory.
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

interface StoredAssessment {
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

interface StoredFulfilment {
  incidentId: Types.ObjectId;
  duty: string;
  outcome: string;
  at: Date;
  ref?: string;
  late?: boolean;
  delayReason?: string;
  note?: string;
}

/**
 * Streams the register records of one year (or every year), oldest reference first. Assessments,
 * fulfilments and events are each read once, grouped by incident in memory, and the incidents then
 * stream past them: four reads in all, however many incidents (issue 10; on FerretDB 1.x every
 * `$in` query reads its whole collection, so reading them per batch of incidents was quadratic).
 * Of the assessments only each incident's latest version is kept, with the count of versions.
 */
export async function* registerRecords(year?: number): AsyncGenerator<RegisterRecord> {
  const [assessments, corrections, fulfilments, events] = await Promise.all([
    latestAssessments(),
    grouped<CorrectionFacts & { incidentId: Types.ObjectId }>(
      FactCorrection.find()
        .lean<CorrectionFacts & { incidentId: Types.ObjectId }>()
        .cursor({ batchSize: 1000 }),
    ),
    grouped<StoredFulfilment>(
      DutyFulfilment.find().sort({ at: 1 }).lean<StoredFulfilment>().cursor({ batchSize: 1000 }),
    ),
    grouped<StoredEvent>(
      IncidentEvent.find()
        .select({ incidentId: 1, at: 1, kind: 1, data: 1 })
        .sort({ at: 1, _id: 1 })
        .lean<StoredEvent>()
        .cursor({ batchSize: 1000 }),
    ),
  ]);
  const filter = year ? { year } : {};
  for await (const i of Incident.find(filter)
    .sort({ year: 1, seq: 1 })
    .lean<IncidentDoc>()
    .cursor({ batchSize: 500 })) {
    const key = String(i._id);
    const a = assessments.get(key);
    const facts = effectiveFacts(i, a?.all ?? [], corrections.get(key) ?? []);
    yield toRecord(
      withEffectiveFacts(i, facts),
      facts,
      a?.latest,
      a?.all.length ?? 0,
      fulfilments.get(key) ?? [],
      events.get(key) ?? [],
    );
  }
}

interface StoredEvent {
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

// Every version is kept for the facts in force (each may have confirmed facts); the latest holds the decision.
async function latestAssessments(): Promise<
  Map<string, { latest: StoredAssessment; all: StoredAssessment[] }>
> {
  const m = new Map<string, { latest: StoredAssessment; all: StoredAssessment[] }>();
  for await (const a of Assessment.find().lean<StoredAssessment>().cursor({ batchSize: 500 })) {
    const key = String(a.incidentId);
    const seen = m.get(key);
    if (!seen) m.set(key, { latest: a, all: [a] });
    else {
      seen.all.push(a);
      if (a.version > seen.latest.version) seen.latest = a;
    }
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
