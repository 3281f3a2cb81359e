// What the breach register records of the notices to affected persons (domain.md §10.7: "data-
// subject notices sent (template version, channel, count, date)"; issue 7 item 7): per run the
// counts per channel and status, the template versions used and the dates; publications; the
// purge. Contains no contact data, so it survives the purge. For the register feature to show.
import type { Types } from 'mongoose';
import { noticeRunsOfIncident, publicationsOfIncident } from '../incidents/incident-children.js';
import { eventsOfRun } from './run-events.js';
import { NoticeEnqueue } from '../../models/notice-enqueue.model.js';
import {
  NoticeLetterPosting,
  type NoticeLetterPostingDoc,
} from '../../models/notice-letter-posting.model.js';
import { NoticePageHead, type NoticePageHeadDoc } from '../../models/notice-page-head.model.js';
import type { NoticePublicationDoc } from '../../models/notice-publication.model.js';
import { NoticePurge } from '../../models/notice-purge.model.js';
import type { NoticeRunDoc } from '../../models/notice-run.model.js';
import type { NoticeRunEventDoc } from '../../models/notice-run-event.model.js';
import { deriveProgress, type RunProgress } from '../../notifications/notice-run/progress.js';
import { foldRunEvents, sendingMsAt, type RunSnapshot } from './run-state.js';

/** The progress of a run now (counts, rate, time left), derived from its page states. */
export async function runProgress(
  runId: Types.ObjectId,
  snapshot: RunSnapshot,
  now: Date,
): Promise<RunProgress> {
  const heads = await NoticePageHead.find({ runId })
    .select({ status: 1, inFlightRecovered: 1 })
    .lean<Pick<NoticePageHeadDoc, 'status' | 'inFlightRecovered'>[]>();
  const enqueue = await NoticeEnqueue.findById(runId).lean();
  return deriveProgress(heads, enqueue, sendingMsAt(snapshot, now));
}

/** One run in the register. */
export interface NoticeRunRecord {
  runId: string;
  number: number;
  state: string;
  createdAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Template versions used for sent e-mails (`nl:3`, or `nl:3+en:2` for the two-language fallback). */
  templates: string[];
  recipients: number;
  email: {
    sent: number;
    failed: number;
    pending: number;
    retrying: number;
    firstSentAt: Date | null;
    lastSentAt: Date | null;
  };
  letters: { noEmail: number; emailFailed: number; posted: number; postedOn: Date[] };
  /** Recipients re-sent after a worker died mid-send (possible duplicates, same Message-ID). */
  inFlightRecovered: number;
}

/** The register's view of an incident's notices. */
export interface NoticeRegisterSummary {
  runs: NoticeRunRecord[];
  publications: { where: string; publishedAt: Date; languages: string[]; recordedBy: string }[];
  purge: { purgedAt: Date; persons: number; email: number; letter: number } | null;
}

async function runRecord(run: NoticeRunDoc): Promise<NoticeRunRecord> {
  const events = await eventsOfRun.find<NoticeRunEventDoc>(run._id);
  const s = foldRunEvents(events.map((e) => ({ ...e, reason: e.reason ?? null })))!;
  const heads = await NoticePageHead.find({ runId: run._id }).lean<NoticePageHeadDoc[]>();
  const postings = await NoticeLetterPosting.find({ runId: run._id }).lean<NoticeLetterPostingDoc[]>();
  const count = (c: string) => heads.reduce((n, h) => n + [...h.status].filter((x) => x === c).length, 0);
  const dates = (pick: (h: NoticePageHeadDoc) => Date | null | undefined) =>
    heads
      .map(pick)
      .filter((d): d is Date => !!d)
      .sort((a, b) => a.getTime() - b.getTime());
  const first = dates((h) => h.firstSentAt);
  const last = dates((h) => h.lastSentAt);
  return {
    runId: String(run._id),
    number: run.number,
    state: s.state,
    createdAt: run.createdAt,
    approvedAt: s.lastApproval?.at ?? null,
    approvedBy: s.lastApproval?.byName ?? null,
    startedAt: s.firstStartedAt,
    endedAt: s.endedAt,
    templates: [...new Set(heads.flatMap((h) => h.templates ?? []))].sort(),
    recipients: heads.reduce((n, h) => n + h.size, 0),
    email: {
      sent: count('S'),
      failed: count('F') + count('D'),
      pending: count('p') + count('s'),
      retrying: count('r'),
      firstSentAt: first[0] ?? null,
      lastSentAt: last[last.length - 1] ?? null,
    },
    letters: {
      noEmail: count('L'),
      emailFailed: count('F') + count('D'),
      posted: postings.reduce((n, p) => n + p.count, 0),
      postedOn: postings.map((p) => p.postedOn).sort((a, b) => a.getTime() - b.getTime()),
    },
    inFlightRecovered: heads.reduce((n, h) => n + (h.inFlightRecovered ?? 0), 0),
  };
}

/** The notices part of an incident's register entry (no access check: the caller's service does that). */
export async function noticeRegisterSummary(incidentId: Types.ObjectId): Promise<NoticeRegisterSummary> {
  const runs = (await noticeRunsOfIncident.find<NoticeRunDoc>(incidentId)).sort(
    (a, b) => a.number - b.number,
  );
  const publications = await publicationsOfIncident.find<NoticePublicationDoc>(incidentId);
  const purge = await NoticePurge.findById(incidentId).lean();
  return {
    runs: await Promise.all(runs.map(runRecord)),
    publications: publications.map((p) => ({
      where: p.where,
      publishedAt: p.publishedAt,
      languages: p.texts.map((t) => t.lang),
      recordedBy: p.byName,
    })),
    purge: purge
      ? { purgedAt: purge.purgedAt, persons: purge.persons, email: purge.email, letter: purge.letter }
      : null,
  };
}
