// The documents that belong to one incident, found through foreign-key indexes (server/db/
// read-models.ts) instead of `find({incidentId})`, which reads whole collections on FerretDB 1.x
// (issue 10). Each index is loaded on first use and kept current by the change feed.
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { MinistryNotice } from '../../models/ministry-notice.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { NoticeImport } from '../../models/notice-import.model.js';
import { NoticeRun } from '../../models/notice-run.model.js';
import { NoticePublication } from '../../models/notice-publication.model.js';
import { foreignKeyIndex } from '../db/read-models.js';

/** Timeline events of an incident. */
export const eventsOfIncident = foreignKeyIndex(IncidentEvent, 'incidentId');
/** Assessment versions of an incident. */
export const assessmentsOfIncident = foreignKeyIndex(Assessment, 'incidentId');
/** The privacy officer's fact corrections (versions) of an incident. */
export const factCorrectionsOfIncident = foreignKeyIndex(FactCorrection, 'incidentId');
/** Recorded fulfilments and cancellations of an incident's duties. */
export const fulfilmentsOfIncident = foreignKeyIndex(DutyFulfilment, 'incidentId');
/** AP filings (versions) of an incident. */
export const filingsOfIncident = foreignKeyIndex(AuthorityFiling, 'incidentId');
/** Ministry notices of an incident. */
export const ministryNoticesOfIncident = foreignKeyIndex(MinistryNotice, 'incidentId');
/** Notice runs of an incident. */
export const noticeRunsOfIncident = foreignKeyIndex(NoticeRun, 'incidentId');
/** Public communications of an incident. */
export const publicationsOfIncident = foreignKeyIndex(NoticePublication, 'incidentId');
/** Imports of affected persons of an incident. */
export const noticeImportsOfIncident = foreignKeyIndex(NoticeImport, 'incidentId');

/** Every index above: the app loads them at start (server/warm-up.ts). */
export const INCIDENT_CHILD_INDEXES = [
  eventsOfIncident,
  assessmentsOfIncident,
  factCorrectionsOfIncident,
  fulfilmentsOfIncident,
  filingsOfIncident,
  ministryNoticesOfIncident,
  noticeRunsOfIncident,
  publicationsOfIncident,
  noticeImportsOfIncident,
] as const;

/** Events in timeline order (time, then insertion). */
export function byTimeThenId<T extends { at: Date; _id: { toString(): string } }>(a: T, b: T): number {
  return a.at.getTime() - b.at.getTime() || a._id.toString().localeCompare(b._id.toString());
}

/** The highest version of a list (assessment versions), or null for none. */
export function latestVersion<T extends { version: number }>(rows: readonly T[]): T | null {
  return rows.reduce<T | null>((m, r) => (!m || r.version > m.version ? r : m), null);
}
