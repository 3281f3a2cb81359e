// What the AP dossier reads besides the incident, the assessment and the filings (domain.md §8.1):
// the officer's answers to the form's remaining questions (dossier-details.model.ts) and what was
// actually sent to the affected persons (the notice runs and public communications, §10.7 "data-
// subject notices sent (template version, channel, count, date)"). Loaders only; no access check
// (the calling service checks the role).
import type { Types } from 'mongoose';
import { DossierDetails, type DossierDetailsDoc } from '../../models/dossier-details.model.js';
import type { Config } from '../config.js';
import { foreignKeyIndex } from '../db/read-models.js';
import { latestVersion, noticeRunsOfIncident } from '../incidents/incident-children.js';
import { noticeRegisterSummary } from '../notices/notice-register.js';
import { loadRunContent, renderForRecipient } from '../notices/run-content.js';
import { runSnapshot } from '../notices/run-events.js';
import type { NoticeRunDoc } from '../../models/notice-run.model.js';
import type { DossierDetailsFacts, InformingFacts } from './dossier.js';

/** Detail versions of an incident, by a foreign-key index (issue 10). */
export const detailsOfIncident = foreignKeyIndex(DossierDetails, 'incidentId');

/** The latest details version of an incident, or null when nothing was recorded yet. */
export async function latestDossierDetails(incidentId: Types.ObjectId): Promise<DossierDetailsDoc | null> {
  return latestVersion(await detailsOfIncident.find<DossierDetailsDoc>(incidentId));
}

/** The details as the dossier reads them. */
export function detailsFacts(d: DossierDetailsDoc | null): DossierDetailsFacts | null {
  if (!d) return null;
  return {
    measuresBefore: d.measuresBefore ?? null,
    protectionMethod: d.protectionMethod ?? null,
    crossBorder: d.crossBorder ?? null,
    otherAuthorities: d.otherAuthorities ?? null,
    otherAuthoritiesWhich: d.otherAuthoritiesWhich ?? null,
    notInformingReason: d.notInformingReason ?? null,
    reportedTo: d.reportedTo ?? [],
    reportedToOther: d.reportedToOther ?? null,
    fgName: d.fgName ?? null,
    fgAdvice: d.fgAdvice ?? null,
    fgAdvisedAt: d.fgAdvisedAt ?? null,
    decision: d.decision ?? null,
    decidedBy: d.decidedBy ?? null,
    decidedAt: d.decidedAt ?? null,
    followsAdvice: d.followsAdvice ?? null,
    deviationReason: d.deviationReason ?? null,
  };
}

/**
 * What was sent to the affected persons: per channel the number reached and the first moment, and
 * the Dutch text of the latest run that reached anyone, rendered as the public notice renders it
 * (no personal salutation: the dossier never holds a recipient's name). Null when nothing went out.
 */
export async function loadInforming(
  incidentId: Types.ObjectId,
  org: Config['organisation'],
): Promise<InformingFacts | null> {
  const summary = await noticeRegisterSummary(incidentId);
  let emailSent = 0;
  let lettersPosted = 0;
  const moments: Date[] = [];
  let latestSent: string | null = null;
  for (const run of summary.runs) {
    emailSent += run.email.sent;
    lettersPosted += run.letters.posted;
    if (run.email.firstSentAt) moments.push(run.email.firstSentAt);
    moments.push(...run.letters.postedOn);
    if (run.email.sent > 0 || run.letters.posted > 0) latestSent = run.runId;
  }
  for (const p of summary.publications) moments.push(p.publishedAt);
  if (!moments.length) return null;
  moments.sort((a, b) => a.getTime() - b.getTime());
  return {
    firstAt: moments[0]!,
    emailSent,
    lettersPosted,
    publications: summary.publications.map((p) => ({ where: p.where, publishedAt: p.publishedAt })),
    text: latestSent ? await sentText(incidentId, latestSent, org) : null,
  };
}

async function sentText(
  incidentId: Types.ObjectId,
  runId: string,
  org: Config['organisation'],
): Promise<string | null> {
  const snapshot = await runSnapshot(runId);
  const pins = snapshot?.lastApproval?.pins;
  const run = (await noticeRunsOfIncident.find<NoticeRunDoc>(incidentId)).find(
    (r) => String(r._id) === runId,
  );
  if (!pins || !run) return null;
  try {
    const content = await loadRunContent(
      runId,
      incidentId,
      run.incidentReference,
      pins,
      org,
      snapshot.firstStartedAt ?? run.createdAt,
    );
    const { rendered } = renderForRecipient(content, 'nl', '');
    return `${rendered.subject}\n\n${rendered.text}`.trim();
  } catch {
    // A pinned template or text no longer matches what was approved: no text rather than a wrong one.
    return null;
  }
}
