// Purging affected persons' contact data a configurable time after the incident is closed
// (config.retention.contactDataPurgeDays; issue 7 item 7): the persons and the recipient pages
// (which hold sealed names and addresses) are deleted; the counts are kept in a purge record and
// in the page states; the purge is audit-logged. Run as a background sweep.
import { AffectedPerson } from '../../models/affected-person.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NoticePage } from '../../models/notice-page.model.js';
import { NoticePurge } from '../../models/notice-purge.model.js';
import { NoticeRun } from '../../models/notice-run.model.js';
import { RetentionHold } from '../../models/retention-hold.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { incidentObject } from '../incidents/incident-access.js';

/** What one sweep purged. */
export interface PurgeSummary {
  incidents: number;
  persons: number;
}

/** The moment before which a closed incident's contact data must be gone. */
export function purgeCutoff(now: Date, purgeDays: number): Date {
  return new Date(now.getTime() - purgeDays * 86_400_000);
}

/** Purges the contact data of every incident closed at least `purgeDays` ago (idempotent). */
export async function purgeContactData(now: Date, purgeDays: number): Promise<PurgeSummary> {
  const cutoff = purgeCutoff(now, purgeDays);
  const closed = await Incident.find({ status: 'closed', closedAt: { $lte: cutoff } })
    .select({ _id: 1, reference: 1, closedAt: 1 })
    .lean<Pick<IncidentDoc, '_id' | 'reference' | 'closedAt'>[]>();
  const summary: PurgeSummary = { incidents: 0, persons: 0 };
  for (const incident of closed) {
    if (await NoticePurge.exists({ _id: incident._id })) continue;
    // A legal hold keeps the evidence, contact data included (issue 13, server/retention/).
    if (await RetentionHold.exists({ _id: incident._id })) continue;
    const rows = await AffectedPerson.find({ incidentId: incident._id })
      .select({ channel: 1, lang: 1 })
      .lean();
    const langs = new Map<string, number>();
    for (const r of rows) langs.set(r.lang, (langs.get(r.lang) ?? 0) + 1);
    const runIds = (await NoticeRun.find({ incidentId: incident._id }).select({ _id: 1 }).lean()).map(
      (r) => r._id,
    );
    const pages = runIds.length ? await NoticePage.countDocuments({ runId: { $in: runIds } }) : 0;
    // Counted, deleted, then recorded: a crash after the deletion loses at most the counts (the next
    // sweep records what is left, nothing), never leaves contact data behind a purge record.
    await AffectedPerson.deleteMany({ incidentId: incident._id });
    if (runIds.length) await NoticePage.deleteMany({ runId: { $in: runIds } });
    try {
      await NoticePurge.create({
        _id: incident._id,
        purgedAt: now,
        closedAt: incident.closedAt!,
        persons: rows.length,
        email: rows.filter((r) => r.channel === 'email').length,
        letter: rows.filter((r) => r.channel !== 'email').length,
        languages: [...langs].map(([l, n]) => `${l}:${n}`),
        pages,
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    await recordAudit(
      {
        actor: { kind: 'system', label: 'contact-data-purge' },
        origin: { via: 'scheduler' },
        action: 'notice.contacts.purge',
        object: incidentObject(incident),
        details: { persons: rows.length, pages, purgeDays },
      },
      now,
    );
    summary.incidents++;
    summary.persons += rows.length;
  }
  return summary;
}
