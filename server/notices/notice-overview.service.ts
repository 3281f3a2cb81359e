// The notices overview pages: which incidents have a duty to inform affected persons (or a public
// communication instead) according to their latest assessment, and where each stands.
import { Types } from 'mongoose';
import {
  assessmentsOfIncident,
  noticeImportsOfIncident,
  noticeRunsOfIncident,
} from '../incidents/incident-children.js';
import { Assessment, type AssessmentDoc } from '../../models/assessment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NoticeImport, type NoticeImportDoc } from '../../models/notice-import.model.js';
import { NoticeRun, type NoticeRunDoc } from '../../models/notice-run.model.js';
import { NoticePurge } from '../../models/notice-purge.model.js';
import { assertRole, type ActionContext } from '../context.js';
import { personCounts, type PersonCounts } from './affected-persons.service.js';
import { NOTICE_ROLES, noticeIncident } from './notice-access.js';
import { runProgress } from './notice-register.js';
import { runSnapshot } from './run-events.js';
import type { RunSnapshot } from './run-state.js';
import type { RunProgress } from '../../notifications/notice-run/progress.js';

/** The duties of the latest assessment that concern notices. */
export interface NoticeDuties {
  informSubjects: boolean;
  publicCommunication: boolean;
  deadline: Date | null;
}

function latestByIncident(assessments: AssessmentDoc[]): Map<string, AssessmentDoc> {
  const m = new Map<string, AssessmentDoc>();
  for (const a of assessments) {
    const k = String(a.incidentId);
    if (!m.has(k) || m.get(k)!.version < a.version) m.set(k, a);
  }
  return m;
}

function dutiesOf(a: AssessmentDoc | undefined): NoticeDuties {
  return {
    informSubjects: !!a?.duties?.informSubjects,
    publicCommunication: !!a?.duties?.publicCommunication,
    deadline: a?.deadlines?.subjects ?? null,
  };
}

/** A row of the overview. */
export interface NoticeOverviewRow {
  incidentId: string;
  reference: string;
  status: string;
  duties: NoticeDuties;
  runs: { id: string; number: number; state: string }[];
}

/** Incidents whose latest assessment asks for notices, and incidents that have runs. */
export async function noticesOverview(ctx: ActionContext): Promise<NoticeOverviewRow[]> {
  assertRole(ctx.user, ...NOTICE_ROLES);
  const latest = latestByIncident(await Assessment.find({}).lean<AssessmentDoc[]>());
  const runs = await NoticeRun.find({}).lean<NoticeRunDoc[]>();
  const ids = new Set([
    ...[...latest.values()]
      .filter((a) => a.duties?.informSubjects || a.duties?.publicCommunication)
      .map((a) => String(a.incidentId)),
    ...runs.map((r) => String(r.incidentId)),
  ]);
  if (!ids.size) return [];
  const incidents = await Incident.find({ _id: { $in: [...ids].map((i) => new Types.ObjectId(i)) } })
    .select({ reference: 1, status: 1 })
    .lean<Pick<IncidentDoc, '_id' | 'reference' | 'status'>[]>();
  const rows = await Promise.all(
    incidents.map(async (i) => ({
      incidentId: String(i._id),
      reference: i.reference,
      status: i.status,
      duties: dutiesOf(latest.get(String(i._id))),
      runs: await Promise.all(
        runs
          .filter((r) => r.incidentId.equals(i._id))
          .sort((a, b) => a.number - b.number)
          .map(async (r) => ({
            id: String(r._id),
            number: r.number,
            state: (await runSnapshot(r._id))?.state ?? 'draft',
          })),
      ),
    })),
  );
  return rows.sort((a, b) => b.reference.localeCompare(a.reference));
}

/** Everything the incident's notices page shows. */
export interface IncidentNotices {
  incident: IncidentDoc;
  duties: NoticeDuties;
  counts: PersonCounts;
  imports: NoticeImportDoc[];
  runs: { run: NoticeRunDoc; snapshot: RunSnapshot; progress: RunProgress }[];
  purgedAt: Date | null;
}

/** The notices page of one incident (counts only; the list itself is a separate, audited page). */
export async function incidentNotices(incidentId: unknown, ctx: ActionContext): Promise<IncidentNotices> {
  const incident = await noticeIncident(incidentId, ctx);
  const latest = latestByIncident(await assessmentsOfIncident.find<AssessmentDoc>(incident._id));
  const imports = (await noticeImportsOfIncident.find<NoticeImportDoc>(incident._id, { problems: 0 }))
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
    .slice(0, 5);
  const runDocs = (await noticeRunsOfIncident.find<NoticeRunDoc>(incident._id)).sort(
    (a, b) => b.number - a.number,
  );
  const runs = await Promise.all(
    runDocs.map(async (run) => {
      const snapshot = (await runSnapshot(run._id))!;
      return { run, snapshot, progress: await runProgress(run._id, snapshot, ctx.now) };
    }),
  );
  const purge = await NoticePurge.findById(incident._id).lean();
  return {
    incident,
    duties: dutiesOf(latest.get(String(incident._id))),
    counts: await personCounts(incident._id),
    imports,
    runs,
    purgedAt: purge?.purgedAt ?? null,
  };
}

/** One import of the incident (for its result page and error report). */
export async function readImport(
  incidentId: unknown,
  importId: unknown,
  ctx: ActionContext,
): Promise<NoticeImportDoc | null> {
  const incident = await noticeIncident(incidentId, ctx);
  if (typeof importId !== 'string' || !/^[0-9a-f]{24}$/i.test(importId)) return null;
  const imp = await NoticeImport.findById(new Types.ObjectId(importId)).lean<NoticeImportDoc>();
  return imp && imp.incidentId.equals(incident._id) ? imp : null;
}
