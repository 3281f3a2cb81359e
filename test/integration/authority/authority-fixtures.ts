// Fixture incidents for the AP dossier and ministry tests: the NMI-like worked example of
// domain.md §7.7 (an e-mail with 40 client files to one wrong external recipient), stored directly
// through the models with a unique reference per call.
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../../models/incident.model.js';
import { Assessment } from '../../../models/assessment.model.js';

/** Times of the fixture (UTC). */
export const T = {
  occurredFrom: new Date('2026-01-05T08:15:00Z'),
  occurredTo: new Date('2026-01-05T08:20:00Z'),
  discoveredAt: new Date('2026-01-05T09:00:00Z'),
  reportedInternallyAt: new Date('2026-01-05T09:30:00Z'),
  awarenessAt: new Date('2026-01-05T10:00:00Z'),
  decidedAt: new Date('2026-01-05T14:00:00Z'),
  /** awareness + 72 h */
  apDeadline: new Date('2026-01-08T10:00:00Z'),
  /** discovery + 24 h */
  ministryDeadline: new Date('2026-01-06T09:00:00Z'),
};

export const SUMMARY = 'E-mail met 40 adviesdossiers naar één verkeerde externe ontvanger gestuurd.';
export const MEASURES =
  'Ontvanger heeft verwijdering schriftelijk bevestigd; medewerkers opnieuw geïnstrueerd.';

/** Creates the fixture incident (status `assessed`) with overrides; returns the stored document. */
export async function makeIncident(overrides: Partial<Record<string, unknown>> = {}): Promise<IncidentDoc> {
  const seq = randomInt(100_000, 2_000_000_000);
  const doc = await Incident.create({
    reference: `DL-2026-T${seq}`,
    year: 2026,
    seq,
    status: 'assessed',
    reporterId: new Types.ObjectId().toString(),
    reporterName: 'Rita Reporter',
    summary: SUMMARY,
    incidentCause: 'email_wrong_recipient',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    occurredFrom: T.occurredFrom,
    occurredTo: T.occurredTo,
    ongoing: false,
    discoveredAt: T.discoveredAt,
    discoveryChannel: 'third_party',
    reportedInternallyAt: T.reportedInternallyAt,
    awarenessAt: T.awarenessAt,
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'national_id', 'financial'],
    dataDetail: 'Naam, BSN, pensioen- en uitkeringsbedragen',
    subjectCategories: ['clients'],
    subjectsCountMin: 40,
    subjectsCountMax: 40,
    vulnerableSubjects: 'yes',
    dataLeftOrganisation: 'yes',
    recipients: 'Eén externe ontvanger',
    recipientTrusted: 'no',
    deletionConfirmed: 'yes',
    dataRetrieved: 'no',
    confidentialityScope: 'known_recipients',
    integrityImpact: 'not_applicable',
    availabilityImpact: 'not_applicable',
    backupAvailable: 'not_applicable',
    malicious: 'no',
    unintelligibility: 'none',
    systemsInvolved: 'Outlook',
    processorInvolved: 'no',
    otherEeaCountries: 'Nee',
    measuresTaken: MEASURES,
    createdAt: T.reportedInternallyAt,
    updatedAt: T.reportedInternallyAt,
    ...overrides,
  });
  return doc.toObject<IncidentDoc>();
}

/** Adds an assessment version (default: high risk, every duty, the §7.7 ENISA score). */
export async function assessIncident(
  incidentId: Types.ObjectId,
  overrides: Partial<Record<string, unknown>> = {},
  version = 1,
): Promise<void> {
  await Assessment.create({
    incidentId,
    version,
    at: T.decidedAt,
    assessorId: new Types.ObjectId().toString(),
    assessorName: 'Olga Officer',
    input: { consequences: ['identity_fraud', 'phishing_spam'], easeOfIdentification: 'maximum' },
    result: { enisa: { dpc: 3, ei: 1, cb: 0.25, score: 3.25, band: 'high' } },
    suggestedRisk: 'high',
    riskLevel: 'high',
    art34Exception: 'none',
    awarenessAt: T.awarenessAt,
    decidedAt: T.decidedAt,
    duties: {
      register: true,
      notifyAuthority: true,
      informSubjects: true,
      notifyMinistry: true,
      publicCommunication: false,
      notifyController: false,
    },
    deadlines: { authority: T.apDeadline, ministry: T.ministryDeadline },
    ...overrides,
  });
}

/** Configuration used by these tests: a phone number and sector, and the ministry's address. */
export const TEST_ENV = {
  ORG_PHONE: '030-1234567',
  ORG_SECTOR: 'Maatschappelijke dienstverlening',
  MINISTRY_EMAILS: 'datalek@minszw.example.test',
};
