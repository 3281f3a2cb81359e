// Appending to a notice run's event list (architecture.md §4): read the events, decide with the
// pure state machine, insert under the next seq; a duplicate key means someone else changed the run
// at the same moment, so read again and decide again.
import { Types } from 'mongoose';
import { foreignKeyIndex } from '../db/read-models.js';
import {
  NoticeRunEvent,
  type NoticeRunEventDoc,
  type NoticeRunEventType,
} from '../../models/notice-run-event.model.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { NoticeSending } from '../../models/notice-sending.model.js';
import { ConflictError } from '../errors.js';
import { canApply, foldRunEvents, type RunSnapshot } from './run-state.js';

/** Who changes the run. */
export interface RunActor {
  id: string;
  name: string;
}

/** The events of each notice run. */
export const eventsOfRun = foreignKeyIndex(NoticeRunEvent, 'runId');

/** The run's current state (null when the run has no events, i.e. does not exist). */
export async function runSnapshot(
  runId: Types.ObjectId | string,
  from: 'index' | 'database' = 'index',
): Promise<RunSnapshot | null> {
  const id = new Types.ObjectId(String(runId));
  // The run's events by a foreign-key index (issue 10); after a collision on the next position the
  // database itself, since the other writer's feed entry follows its insert.
  const events =
    from === 'index'
      ? await eventsOfRun.find<NoticeRunEventDoc>(id)
      : await NoticeRunEvent.find({ runId: id }).lean<NoticeRunEventDoc[]>();
  return foldRunEvents(events.map((e) => ({ ...e, reason: e.reason ?? null })));
}

/**
 * Appends an event if the state machine allows it now; returns the new state, or null when it is
 * not allowed (the caller decides whether that is an error).
 */
export async function tryAppendRunEvent(
  runId: Types.ObjectId | string,
  type: NoticeRunEventType,
  by: RunActor,
  at: Date,
  extra: { reason?: string; details?: Record<string, unknown> } = {},
): Promise<RunSnapshot | null> {
  const id = new Types.ObjectId(String(runId));
  for (let attempt = 0; attempt < 50; attempt++) {
    const snapshot = type === 'created' ? null : await runSnapshot(id, attempt === 0 ? 'index' : 'database');
    if (!canApply(snapshot, type)) return null;
    const seq = (snapshot?.seq ?? 0) + 1;
    // The marker first, so that no sending run goes unseen by the notice worker (which removes it
    // once the run has ended, whether or not this event is stored).
    if (type === 'started' || type === 'resumed')
      await NoticeSending.updateOne({ _id: id }, { $set: { since: at } }, { upsert: true }).catch(
        (err: unknown) => {
          // Two writers upserted it at once: it exists, which is all that counts.
          if (!isDuplicateKeyError(err)) throw err;
        },
      );
    try {
      await NoticeRunEvent.create({
        runId: id,
        seq,
        type,
        at,
        byId: by.id,
        byName: by.name,
        reason: extra.reason,
        details: extra.details,
      });
      return await runSnapshot(id, 'database');
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20));
    }
  }
  throw new Error('notice run: could not append an event');
}

/** Like tryAppendRunEvent, but a refused change is a ConflictError (409 NOTICE_RUN_STATE). */
export async function appendRunEvent(
  runId: Types.ObjectId | string,
  type: NoticeRunEventType,
  by: RunActor,
  at: Date,
  extra: { reason?: string; details?: Record<string, unknown> } = {},
): Promise<RunSnapshot> {
  const s = await tryAppendRunEvent(runId, type, by, at, extra);
  if (!s) throw new ConflictError('NOTICE_RUN_STATE', 'notices.error.state');
  return s;
}
