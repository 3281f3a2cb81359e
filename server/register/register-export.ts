// The Art. 33(5) register record of domain.md §10.7, one flat record per incident: facts, timeline
// dates, data/subject categories and counts, C/I/A, the latest assessment (ENISA inputs and result,
// decision, reasoning, decider, duties and deadlines), AP, data-subject and ministry fulfilments,
// measures, lessons learned and closure. Read with a cursor in batches: never the whole register
// in memory.
import type { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';

/** The columns of the export, in order (CSV header and JSON keys). */
export const REGISTER_FIELDS = [
  'reference', 'year', 'status', 'reportedBy', 'handler',
  'summary', 'incidentCause', 'incidentNature', 'breachTypes',
  'occurredFrom', 'occurredTo', 'ongoing', 'occurrenceUnknown', 'discoveredAt', 'discoveryChannel', 'reportedInternallyAt', 'awarenessAt', 'awarenessNote',
  'personalDataInvolved', 'dataCategories', 'dataDetail', 'subjectCategories', 'subjectsCountMin', 'subjectsCountMax', 'recordsCount', 'vulnerableSubjects',
  'dataLeftOrganisation', 'recipients', 'recipientTrusted', 'deletionConfirmed', 'dataRetrieved',
  'confidentialityScope', 'integrityImpact', 'availabilityImpact', 'unavailableHours', 'backupAvailable', 'malicious', 'unintelligibility',
  'systemsInvolved', 'processorInvolved', 'processorName', 'processorNotifiedAt', 'otherEeaCountries', 'measuresTaken',
  'assessmentVersion', 'assessmentVersions', 'assessedAt', 'assessedBy', 'easeOfIdentification', 'dpcAdjustment', 'dpcAdjustmentReason',
  'dpcAdjustments', 'dataProtection',
  'enisaDpc', 'enisaEi', 'enisaCb', 'enisaScore', 'enisaBand', 'rulesFired', 'ruleTexts', 'assumptions', 'consequences',
  'suggestedRisk', 'riskLevel', 'riskJustification', 'art34Exception', 'art34ExceptionReason',
  'dutyNotifyAuthority', 'dutyInformSubjects', 'dutyNotifyMinistry', 'dutyPublicCommunication', 'dutyNotifyController',
  'deadlineAuthority', 'deadlineSubjects', 'deadlineMinistry', 'deadlineController',
  'authorityNotifiedAt', 'authorityReference', 'authorityLate', 'authorityDelayReason', 'authorityFollowups', 'authorityWithdrawnAt',
  'subjectsInformedAt', 'subjectsNoticeReference', 'subjectsNoticeNote', 'publicCommunicationAt',
  'ministryNotifiedAt', 'ministryReference', 'ministryLate', 'ministryDelayReason',
  'notABreachReason', 'closedAt', 'closingMeasures', 'lessonsLearned', 'timeline',
] as const;

/** One register record. */
export type RegisterRecord = Record<(typeof REGISTER_FIELDS)[number], unknown>;

interface StoredAssessment {
  incidentId: Types.ObjectId;
  version: number;
  decidedAt: Date;
  assessorName: string;
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
  const [assessments, fulfilments, events] = await Promise.all([
    latestAssessments(),
    grouped<StoredFulfilment>(DutyFulfilment.find().sort({ at: 1 }).lean<StoredFulfilment>().cursor({ batchSize: 1000 })),
    grouped<StoredEvent>(IncidentEvent.find().select({ incidentId: 1, at: 1, kind: 1, data: 1 }).sort({ at: 1, _id: 1 }).lean<StoredEvent>().cursor({ batchSize: 1000 })),
  ]);
  const filter = year ? { year } : {};
  for await (const i of Incident.find(filter).sort({ year: 1, seq: 1 }).lean<IncidentDoc>().cursor({ batchSize: 500 })) {
    const key = String(i._id);
    const a = assessments.get(key);
    yield toRecord(i, a?.latest, a?.versions ?? 0, fulfilments.get(key) ?? [], events.get(key) ?? []);
  }
}

interface StoredEvent {
  incidentId: Types.ObjectId;
  at: Date;
  kind: string;
  data?: Record<string, unknown>;
}

async function grouped<T extends { incidentId: Types.ObjectId }>(rows: AsyncIterable<T>): Promise<Map<string, T[]>> {
  const m = new Map<string, T[]>();
  for await (const r of rows) {
    const key = String(r.incidentId);
    const list = m.get(key);
    if (list) list.push(r);
    else m.set(key, [r]);
  }
  return m;
}

async function latestAssessments(): Promise<Map<string, { latest: StoredAssessment; versions: number }>> {
  const m = new Map<string, { latest: StoredAssessment; versions: number }>();
  for await (const a of Assessment.find().lean<StoredAssessment>().cursor({ batchSize: 500 })) {
    const key = String(a.incidentId);
    const seen = m.get(key);
    if (!seen) m.set(key, { latest: a, versions: 1 });
    else m.set(key, { latest: a.version > seen.latest.version ? a : seen.latest, versions: seen.versions + 1 });
  }
  return m;
}

function toRecord(
  i: IncidentDoc,
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
    dataProtection: perCategory(input.protection),
    enisaDpc: enisa.dpc ?? null,
    enisaEi: enisa.ei ?? null,
    enisaCb: enisa.cb ?? null,
    enisaScore: enisa.score ?? null,
    enisaBand: enisa.band ?? null,
    rulesFired: a?.result?.rules?.map((r) => r.id).filter(Boolean) ?? [],
    // Art. 33(5) documentation: the reasons themselves, not only their ids (domain.md §10.8 item 8).
    ruleTexts: (a?.result?.rules ?? []).filter((r) => r.id).map((r) => `${r.id}: ${r.reasonNl ?? r.reason ?? ''}`),
    assumptions: (a?.result?.rules ?? []).filter((r) => r.id?.startsWith('assume.')).map((r) => r.reasonNl ?? r.reason ?? r.id),
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
  };
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
