// Test data for assessments, duties and deadlines: incidents inserted directly (with references of
// their own, so they never collide with the incident feature's numbering) and assessment versions
// with chosen duties and deadlines.
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment, type DutyKind } from '../../models/duty-fulfilment.model.js';

/** An incident as the intake would have stored it; `overrides` replace any field. */
export async function makeIncident(overrides: Record<string, unknown> = {}): Promise<IncidentDoc> {
  const seq = randomInt(1, 2 ** 31);
  const now = new Date();
  const doc = await Incident.create({
    reference: `DL-T${seq}`,
    year: 1999,
    seq,
    status: 'submitted',
    reporterId: new Types.ObjectId().toString(),
    reporterName: 'Test Melder',
    summary: 'E-mail met adviesdossiers naar een verkeerde externe ontvanger gestuurd.',
    incidentCause: 'email_wrong_recipient',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    discoveredAt: new Date('2026-03-02T08:00:00Z'),
    reportedInternallyAt: new Date('2026-03-02T09:00:00Z'),
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'national_id', 'financial'],
    subjectCategories: ['clients'],
    subjectsCountMin: 40,
    subjectsCountMax: 40,
    confidentialityScope: 'known_recipients',
    malicious: 'no',
    unintelligibility: 'none',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
  return doc.toObject<IncidentDoc>();
}

/** The duties and deadlines of an assessment version (the rest is filled in). */
export interface AssessmentFixture {
  version?: number;
  awarenessAt?: Date;
  decidedAt?: Date;
  riskLevel?: 'none' | 'risk' | 'high';
  duties?: Partial<{
    notifyAuthority: boolean;
    informSubjects: boolean;
    notifyMinistry: boolean;
    publicCommunication: boolean;
    notifyController: boolean;
  }>;
  deadlines?: Partial<{ authority: Date; ministry: Date; subjects: Date }>;
  subjectsAnchor?: string;
  /** The Art. 34(3) exception the decision relied on, if any. */
  art34Exception?: 'none' | 'unintelligible' | 'subsequent_measures' | 'disproportionate_effort';
}

/** Stores an assessment version with the given duties and deadlines. */
export async function makeAssessment(
  incidentId: Types.ObjectId | string,
  f: AssessmentFixture = {},
): Promise<void> {
  const decidedAt = f.decidedAt ?? new Date();
  await Assessment.create({
    incidentId,
    version: f.version ?? 1,
    at: decidedAt,
    assessorId: 'test',
    assessorName: 'Test Privacy Officer',
    input: f.subjectsAnchor ? { decidedAt: f.subjectsAnchor } : {},
    result: {},
    suggestedRisk: f.riskLevel ?? 'risk',
    riskLevel: f.riskLevel ?? 'risk',
    awarenessAt: f.awarenessAt,
    art34Exception: f.art34Exception,
    decidedAt,
    duties: {
      register: true,
      notifyAuthority: false,
      informSubjects: false,
      notifyMinistry: false,
      publicCommunication: false,
      notifyController: false,
      ...f.duties,
    },
    deadlines: f.deadlines ?? {},
  });
}

/** An assessed incident whose only duty is notifying the AP, 72 h after `awarenessAt`. */
export async function makeApDuty(
  awarenessAt: Date,
  overrides: Record<string, unknown> = {},
): Promise<IncidentDoc> {
  const incident = await makeIncident({ status: 'assessed', ...overrides });
  await makeAssessment(incident._id, {
    awarenessAt,
    decidedAt: awarenessAt,
    duties: { notifyAuthority: true },
    deadlines: { authority: new Date(awarenessAt.getTime() + 72 * 3_600_000) },
  });
  return incident;
}

/** Records a duty as done (as the AP, ministry or notice features would). */
export async function fulfil(
  incidentId: Types.ObjectId | string,
  duty: DutyKind,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await DutyFulfilment.create({ incidentId, duty, outcome: 'fulfilled', at, recordedAt: at, ...extra });
}
