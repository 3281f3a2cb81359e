// Test data for incidents: a complete report form, and incidents filed through the real service.
import { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import type { SessionUser } from '../../server/context.js';
import { reportSchema } from '../../server/incidents/incidents.schema.js';
import { submitReport, type SubmittedReport } from '../../server/incidents/incidents.service.js';

/** A valid report form body (strings, as a browser sends it); `extra` overrides fields. */
export function reportForm(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    summary: 'E-mail met adviesrapport naar de verkeerde klant gestuurd.',
    incidentCause: 'email_wrong_recipient',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    occurredFrom: '2026-01-05T09:00',
    discoveredAt: '2026-01-05T09:30',
    discoveryChannel: 'own_detection',
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'national_id'],
    subjectCategories: ['clients'],
    subjectsCountMin: '1',
    subjectsCountMax: '1',
    vulnerableSubjects: 'unknown',
    dataLeftOrganisation: 'yes',
    confidentialityScope: 'known_recipients',
    integrityImpact: 'not_applicable',
    availabilityImpact: 'not_applicable',
    backupAvailable: 'not_applicable',
    malicious: 'no',
    unintelligibility: 'none',
    measuresTaken: 'Ontvanger gevraagd de e-mail te verwijderen.',
    ...extra,
  };
}

/** Files a report as `user` through the service (no HTTP), at `now`. */
export async function fileReport(
  user: SessionUser,
  now: Date,
  extra: Record<string, string | string[]> = {},
): Promise<SubmittedReport> {
  const input = reportSchema(now).parse(reportForm(extra));
  return submitReport(
    input,
    { user, origin: { ip: '127.0.0.1', via: 'web' }, now },
    { baseUrl: 'http://meldpunt.test' },
  );
}

/** The ActionContext of a user at a moment (for calling services directly). */
export function contextOf(user: SessionUser, now: Date) {
  return { user, origin: { ip: '127.0.0.1', via: 'web' as const }, now };
}

/** Stores an assessment version the way the assessment feature does (only what the register reads). */
export async function storeAssessment(
  incidentId: string,
  riskLevel: 'none' | 'risk' | 'high',
  at: Date,
  extra: { authorityDeadline?: Date; version?: number } = {},
) {
  await Assessment.create({
    incidentId: new Types.ObjectId(incidentId),
    version: extra.version ?? 1,
    at,
    assessorId: 'test',
    assessorName: 'Test Assessor',
    input: { easeOfIdentification: 'maximum', consequences: ['identity_fraud'] },
    result: {
      enisa: { dpc: 3, ei: 1, cb: 0.25, score: 3.25, band: 'high' },
      rules: [
        {
          id: 'floor.national-id',
          effect: 'raise:risk',
          reason: 'BSN (national ID number) involved: at least risk.',
          reasonNl: 'BSN betrokken: minstens risico.',
        },
      ],
    },
    suggestedRisk: riskLevel,
    riskLevel,
    decidedAt: at,
    awarenessAt: at,
    duties: {
      register: true,
      notifyAuthority: riskLevel !== 'none',
      informSubjects: riskLevel === 'high',
      notifyMinistry: false,
    },
    deadlines: { authority: extra.authorityDeadline ?? new Date(at.getTime() + 72 * 3600_000) },
  });
}
