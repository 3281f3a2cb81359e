// Who may work with notices and affected persons (architecture.md §5): privacy officers only — a
// reporter, a ministry liaison or an admin never sees affected persons' data.
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NoticeRun, type NoticeRunDoc } from '../../models/notice-run.model.js';
import { assertRole, type ActionContext } from '../context.js';
import { NotFoundError } from '../errors.js';

/** Roles that handle notices and affected persons. */
export const NOTICE_ROLES = ['privacy_officer'] as const;

/** True for a 24-hex-digit ObjectId string. */
export function isIdString(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id);
}

/** The incident, for a privacy officer; NotFoundError for a bad or unknown id. */
export async function noticeIncident(id: unknown, ctx: ActionContext): Promise<IncidentDoc> {
  assertRole(ctx.user, ...NOTICE_ROLES);
  if (!isIdString(id)) throw new NotFoundError();
  const incident = await Incident.findById(new Types.ObjectId(id)).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  return incident;
}

/** The run, for a privacy officer; NotFoundError for a bad or unknown id. */
export async function noticeRun(id: unknown, ctx: ActionContext): Promise<NoticeRunDoc> {
  assertRole(ctx.user, ...NOTICE_ROLES);
  if (!isIdString(id)) throw new NotFoundError();
  const run = await NoticeRun.findById(new Types.ObjectId(id)).lean<NoticeRunDoc>();
  if (!run) throw new NotFoundError();
  return run;
}

/** The audit object of a run. */
export function runObject(run: Pick<NoticeRunDoc, '_id' | 'incidentReference' | 'number'>) {
  return { type: 'notice-run', id: String(run._id), ref: `${run.incidentReference}#${run.number}` };
}
