// The durable reminder scheduler (issue 5, domain.md §10.5). Each run:
//   1. plans: for every open duty, the reminder slots due soon are inserted as documents under a
//      unique key (incident:duty:clock:slot) — planning twice, or in two processes, stores one;
//   2. sends: due reminders are claimed by inserting a claim under a unique key (never by flipping
//      a status, which FerretDB 1.x cannot do atomically); per duty only the latest due slot is
//      mailed and older ones are marked skipped (no burst after downtime); reminders of a duty
//      that was fulfilled, cancelled or re-timed are cancelled.
// Mails go through the outbox with a deterministic key, so even a taken-over claim sends once.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { Reminder, type ReminderDoc } from '../../models/reminder.model.js';
import { ReminderClaim } from '../../models/reminder-claim.model.js';
import { itemClaimsById } from '../db/lease-claims.js';
import { dueMarkers, restoreSchedule } from '../db/due-markers.js';
import { ReminderDue } from '../../models/reminder-due.model.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { recordAudit } from '../audit/audit.service.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { assessmentConfigFor } from '../assessments/assessment-settings.js';
import { openDuties, type IncidentDuty } from '../duties/duties.service.js';
import {
  clockKeyOf,
  DEFAULT_REMINDER_CONFIG,
  reminderSlots,
  type ReminderConfig,
} from './reminder-schedule.js';
import { enqueueReminderMails } from './reminder-mail.js';

/** The reminders' claims (exported for the coordination tests). */
export const reminderClaims = itemClaimsById(ReminderClaim, 'reminderId', 'instanceId');

const dueReminders = dueMarkers(ReminderDue);

/** Planning statistics of this process (tests prove which way a slot was found stored). */
export const planStats = { lookups: 0, duplicateInserts: 0, dutyPlans: 0 };

/** How far past the planning window a duty's next slot is looked for (see `nextPlanAt`). */
const NEXT_PLAN_HORIZON_MS = 24 * 3_600_000;

/**
 * Writes the marker of every pending reminder that has none (stored by an earlier version, which
 * kept no markers, or a marker lost to a crash). Reads the whole reminders collection once, so it
 * runs when a scheduler starts and then hourly. Returns how many markers it wrote.
 */
export async function restoreReminderMarkers(): Promise<number> {
  const pending = await Reminder.find({ status: 'pending' }).select({ _id: 1, dueAt: 1 }).lean();
  return dueReminders.restore(pending);
}

/** What the scheduler needs; clock, logger and config are required. */
export interface ReminderSchedulerOptions {
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'baseUrl' | 'mail' | 'organisation'>;
  schedule?: ReminderConfig;
  /**
   * Where each run reads the configuration and schedule in force (the settings an administrator
   * changes in the app, issue 12); without it, `config` and `schedule` hold for every run.
   */
  current?: () => Promise<{
    config: Pick<Config, 'baseUrl' | 'mail' | 'organisation'>;
    schedule: ReminderConfig;
  }>;
  /** Identifies this instance in claims; unique per process by default. */
  instanceId?: string;
  /** How long a claim stays ours before another instance may take the reminder over. */
  leaseMs?: number;
  /** How far ahead reminders are planned as documents. */
  planAheadMs?: number;
  /** Due reminders handled per run. */
  batchSize?: number;
  /** How often a run first restores missing due markers (default: hourly; always on the first run). */
  restoreEveryMs?: number;
  /** Above this many slots of unknown keys, one query learns which are stored (default 50; see `plan`). */
  planLookupAbove?: number;
}

/** What one run did. */
export interface ReminderRunSummary {
  planned: number;
  sent: number;
  skipped: number;
  cancelled: number;
  /** Claimed by another instance, or already final. */
  busy: number;
}

/** A scheduler instance: `runOnce()` is what the background job calls. */
export interface ReminderScheduler {
  readonly instanceId: string;
  runOnce(): Promise<ReminderRunSummary>;
}

type Outcome = 'sent' | 'skipped' | 'cancelled' | 'busy';

const dutyKey = (incidentId: string | Types.ObjectId, duty: string) => `${String(incidentId)}:${duty}`;

/** Creates a scheduler instance over the default Mongoose connection. */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { clock } = options;
  const fixed = { config: options.config, schedule: options.schedule ?? DEFAULT_REMINDER_CONFIG };
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const planAheadMs = options.planAheadMs ?? 24 * 3_600_000;
  const batchSize = options.batchSize ?? 500;
  const restoring = restoreSchedule(options.restoreEveryMs);
  const lookupAbove = options.planLookupAbove ?? 50;
  // Keys of the slots planned for the open duties, known to be stored: not looked up again.
  let known = new Set<string>();
  // Per duty clock (`incident:duty:clockKey`), when its planned slots can next change: when its next
  // slot comes into the planning window. Until then the duty is not planned again — an overdue duty
  // has a slot a day for up to a year, and computing them all for every duty every minute was most
  // of an idle app's work (issue 10). Valid for one schedule (`plannedFor`).
  let nextPlanAt = new Map<string, number>();
  let plannedFor = '';
  const log = options.logger.child({ component: 'reminder-scheduler', instanceId });

  type Current = typeof fixed;

  async function plan(duties: IncidentDuty[], now: Date, { schedule }: Current): Promise<number> {
    const until = new Date(now.getTime() + planAheadMs);
    const schedulePrint = JSON.stringify(schedule);
    if (schedulePrint !== plannedFor) {
      nextPlanAt = new Map();
      plannedFor = schedulePrint;
    }
    const open = new Map<string, number>();
    const openClocks = new Set<string>();
    const docs = duties.flatMap((d) => {
      const clockKey = clockKeyOf(d);
      if (!clockKey) return [];
      const clock = `${d.incidentId}:${d.duty}:${clockKey}`;
      openClocks.add(clock);
      // The window's start moves some slots without changing the clock key (a ministry anchor).
      const cacheKey = `${clock}:${d.windowStart?.getTime() ?? ''}`;
      const next = nextPlanAt.get(cacheKey);
      if (next !== undefined && next > now.getTime()) {
        open.set(cacheKey, next);
        return [];
      }
      planStats.dutyPlans++;
      const ahead = reminderSlots(d, new Date(until.getTime() + NEXT_PLAN_HORIZON_MS), schedule);
      const later = ahead.find((s) => s.at.getTime() > until.getTime());
      // Planned again when its next slot comes into the window, and at least once a horizon.
      open.set(cacheKey, (later ? later.at.getTime() : until.getTime() + NEXT_PLAN_HORIZON_MS) - planAheadMs);
      const slots = ahead.filter((s) => s.at.getTime() <= until.getTime());
      // Slots already overtaken by a later due one would only ever be skipped: don't store them.
      const lastDue = slots.findLastIndex((s) => s.at.getTime() <= now.getTime());
      return slots.slice(Math.max(0, lastDue)).map((s) => ({
        key: `${d.incidentId}:${d.duty}:${clockKey}:${s.slot}`,
        incidentId: d.incidentId,
        duty: d.duty,
        clockKey,
        slot: s.slot,
        kind: s.kind,
        dueAt: s.at,
        deadline: d.deadline ?? undefined,
        escalate: s.escalate,
        status: 'pending' as const,
        createdAt: now,
      }));
    });
    // Duties no longer open are forgotten, with their slots' keys.
    nextPlanAt = open;
    known = new Set([...known].filter((k) => openClocks.has(k.slice(0, k.lastIndexOf(':')))));
    if (docs.length === 0) return 0;
    const unknown = docs.filter((d) => !known.has(d.key));
    // Many unknown keys (the first run of a process): one query learns which are stored. A few (new
    // slots coming into the planning window): trying to insert them tells, without that query.
    if (unknown.length > lookupAbove) {
      planStats.lookups++;
      for (const r of await Reminder.find({ key: { $in: unknown.map((d) => d.key) } })
        .select({ key: 1 })
        .lean())
        known.add(r.key);
    }
    let planned = 0;
    for (const doc of unknown) if (!known.has(doc.key) && (await insertReminder(doc))) planned++;
    // Every slot planned now is stored (by this instance or another).
    for (const d of docs) known.add(d.key);
    return planned;
  }

  /** Stores a reminder under its unique key; false when another instance planned it first. */
  async function insertReminder(doc: { dueAt: Date } & Record<string, unknown>): Promise<boolean> {
    const _id = new Types.ObjectId();
    // The marker first: no pending reminder goes unseen. A marker without its reminder is removed.
    await dueReminders.mark(_id, doc.dueAt);
    try {
      await Reminder.create({ _id, ...doc });
      return true;
    } catch (err) {
      await dueReminders.unmark(_id);
      // Another instance planned it first: one document per slot is the point.
      if (!isDuplicateKeyError(err)) throw err;
      planStats.duplicateInserts++;
      return false;
    }
  }

  /** Runs `fn` on the reminder if this instance wins its claim; releases the claim afterwards. */
  async function withClaim(
    reminderId: Types.ObjectId,
    fn: (r: ReminderDoc) => Promise<Outcome>,
  ): Promise<Outcome> {
    // A released claim means the reminder is final, unless it is still pending (its owner let go
    // without finishing it): only then may it be taken again.
    const generation = await reminderClaims.take(reminderId, instanceId, clock.now(), leaseMs, {
      mayRetake: async () =>
        (await Reminder.findById(reminderId).select({ status: 1 }).lean())?.status === 'pending',
    });
    if (generation === null) return 'busy';
    try {
      // Re-read once owned: the candidate list may be stale.
      const fresh = await Reminder.findById(reminderId).lean<ReminderDoc>();
      if (!fresh || fresh.status !== 'pending') {
        await dueReminders.unmark(reminderId);
        return 'busy';
      }
      const outcome = await fn(fresh);
      // Final now: its marker goes (after the status, so a crash in between leaves a marker that
      // the next run finds final and removes).
      await dueReminders.unmark(reminderId);
      return outcome;
    } finally {
      await reminderClaims.release(reminderId, generation, clock.now());
    }
  }

  async function finish(r: ReminderDoc, status: 'skipped' | 'cancelled', note: string): Promise<Outcome> {
    await Reminder.updateOne({ _id: r._id }, { $set: { status, note, doneAt: clock.now() } });
    return status;
  }

  async function send(r: ReminderDoc, duty: IncidentDuty, { config, schedule }: Current): Promise<Outcome> {
    const now = clock.now();
    const keys = await enqueueReminderMails(r, duty, config, schedule, now);
    if (keys.length === 0) {
      log.warn({ reminder: r.key }, 'no privacy officer, deputy or escalation address to remind');
      return finish(r, 'skipped', 'no-recipients');
    }
    await Reminder.updateOne({ _id: r._id }, { $set: { status: 'sent', doneAt: now, outboxKeys: keys } });
    await recordAudit(
      {
        actor: { kind: 'system', label: 'reminder-scheduler' },
        origin: { via: 'scheduler' },
        action: r.escalate ? 'deadline.escalation-queued' : 'deadline.reminder-queued',
        object: { type: 'incident', id: duty.incidentId, ref: duty.reference },
        details: { duty: duty.duty, slot: r.slot, mails: keys.length },
      },
      now,
    );
    return 'sent';
  }

  async function processDue(
    duties: IncidentDuty[],
    now: Date,
    summary: ReminderRunSummary,
    inForce: Current,
  ): Promise<void> {
    const { schedule } = inForce;
    const due: ReminderDoc[] = [];
    for (const id of await dueReminders.dueIds(now, batchSize)) {
      const r = await Reminder.findById(id).lean<ReminderDoc>();
      // A marker whose reminder is gone (never stored, or purged) or final is removed.
      if (r?.status === 'pending') due.push(r);
      else await dueReminders.unmark(id);
    }
    const byDuty = new Map(duties.map((d) => [dutyKey(d.incidentId, d.duty), d]));
    const groups = new Map<string, ReminderDoc[]>();
    for (const r of due) {
      const k = dutyKey(r.incidentId, r.duty);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [k, group] of groups) {
      const duty = byDuty.get(k);
      const current = duty ? clockKeyOf(duty) : null;
      // Catch-up: only the latest slot due now is worth a mail (issue 5); it is named by the schedule
      // itself, so the answer does not depend on which reminders this batch happened to load.
      const latest = duty ? reminderSlots(duty, now, schedule).at(-1)?.slot : undefined;
      for (const r of group) {
        let outcome: Outcome;
        try {
          if (!duty) outcome = await withClaim(r._id, (fresh) => finish(fresh, 'cancelled', 'duty-closed'));
          else if (r.clockKey !== current)
            outcome = await withClaim(r._id, (fresh) => finish(fresh, 'cancelled', 'deadline-changed'));
          else if (r.slot !== latest)
            outcome = await withClaim(r._id, (fresh) => finish(fresh, 'skipped', 'superseded'));
          else outcome = await withClaim(r._id, (fresh) => send(fresh, duty, inForce));
        } catch (err) {
          // One bad reminder must not stop the others; its claim's lease lets a later run retry.
          log.error({ err, reminder: r.key }, 'reminder failed');
          outcome = 'busy';
        }
        summary[outcome]++;
      }
    }
  }

  async function runOnce(): Promise<ReminderRunSummary> {
    const now = clock.now();
    const summary: ReminderRunSummary = { planned: 0, sent: 0, skipped: 0, cancelled: 0, busy: 0 };
    const inForce = options.current ? await options.current() : fixed;
    if (restoring.due(now)) {
      // Hourly, everything is planned afresh too (what another instance or an operator changed).
      known = new Set();
      nextPlanAt = new Map();
      const restored = await restoreReminderMarkers();
      if (restored > 0) log.warn({ restored }, 'pending reminders without a due marker found and marked');
    }
    const duties = await openDuties(now, assessmentConfigFor(inForce.config));
    summary.planned = await plan(duties, now, inForce);
    await processDue(duties, now, summary, inForce);
    if (summary.sent || summary.skipped || summary.cancelled) log.info(summary, 'reminders handled');
    return summary;
  }

  return { instanceId, runOnce };
}
