// The due markers the reminder scheduler polls (models/reminder-due.model.ts) on the embedded
// database: one marker per pending reminder, at its time, gone once the reminder is final;
// reminders stored without a marker (by an earlier version) are found and handled; markers naming
// a reminder that is gone are removed; a slot another instance stored first is neither stored
// twice nor left with a stray marker, whether the planner asked the database or tried the insert;
// a duty is worked out again only once its next slot comes into the planning window.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { makeApDuty } from '../../helpers/duty-fixtures.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { config, logger, scheduler, stepHours } from '../../helpers/reminders.js';
import {
  createReminderScheduler,
  planStats,
  restoreReminderMarkers,
} from '../../../server/deadlines/reminder-scheduler.js';
import { Reminder } from '../../../models/reminder.model.js';
import { ReminderDue } from '../../../models/reminder-due.model.js';

/** The incident's reminders with their markers' due times (null: no marker). */
async function remindersOf(incidentId: Types.ObjectId) {
  const reminders = await Reminder.find({ incidentId }).sort({ dueAt: 1 }).lean();
  const markers = await ReminderDue.find({ _id: { $in: reminders.map((r) => r._id) } }).lean();
  const at = new Map(markers.map((m) => [String(m._id), m.dueAt]));
  return reminders.map((r) => ({ ...r, marker: at.get(String(r._id)) ?? null }));
}

/** Markers whose reminder does not exist. */
async function strayMarkers(): Promise<number> {
  const markers = await ReminderDue.find({}).select({ _id: 1 }).lean();
  const stored = await Reminder.countDocuments({ _id: { $in: markers.map((m) => m._id) } });
  return markers.length - stored;
}

describe('reminder scheduler: due markers', function () {
  this.timeout(120_000);
  before(async () => {
    await startTestDatabase();
    await makeUser('privacy_officer', { name: 'Marked Officer' });
  });

  it('when reminders are planned, then each pending one has a marker at its time, and once sent or skipped the marker is gone', async () => {
    const t0 = new Date('2026-03-02T09:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    const s = scheduler(clock, 'marked');
    await s.runOnce();
    const planned = await remindersOf(incident._id);
    assert.ok(planned.length > 0, 'the first day is planned');
    for (const r of planned) {
      assert.equal(r.status, 'pending');
      assert.deepEqual(r.marker, r.dueAt, `the marker of ${r.slot} is at its time`);
    }
    await stepHours(clock, 80, () => s.runOnce());
    const done = await remindersOf(incident._id);
    assert.ok(done.some((r) => r.status === 'sent'));
    for (const r of done.filter((d) => d.status !== 'pending'))
      assert.equal(r.marker, null, `${r.slot} is ${r.status}: no marker`);
    for (const r of done.filter((d) => d.status === 'pending'))
      assert.deepEqual(r.marker, r.dueAt, `${r.slot} is still pending: marked`);
    assert.equal(await strayMarkers(), 0);
  });

  it('when pending reminders were stored without markers, then a new scheduler marks and handles them, and removes a marker whose reminder is gone', async () => {
    const t0 = new Date('2026-04-06T09:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    await scheduler(clock, 'earlier').runOnce();
    const planned = await remindersOf(incident._id);
    // As an earlier version left them: no markers.
    await ReminderDue.deleteMany({ _id: { $in: planned.map((r) => r._id) } });
    const gone = new Types.ObjectId();
    await ReminderDue.create({ _id: gone, dueAt: t0 });

    clock.advanceHours(25);
    const s = scheduler(clock, 'restorer');
    const summary = await s.runOnce();
    assert.ok(summary.sent >= 1, 'the 24-hour reminder is sent');
    const h24 = (await remindersOf(incident._id)).find((r) => r.slot === 'h24')!;
    assert.equal(h24.status, 'sent');
    assert.equal(h24.marker, null);
    for (const r of (await remindersOf(incident._id)).filter((d) => d.status === 'pending'))
      assert.deepEqual(r.marker, r.dueAt, `${r.slot} is marked again`);
    assert.equal(await ReminderDue.exists({ _id: gone }), null, 'the marker of a reminder that is gone');
    assert.equal(await strayMarkers(), 0);
    assert.equal(await restoreReminderMarkers(), 0, 'nothing left to restore');
  });

  for (const way of [
    { name: 'looking the keys up', lookupAbove: 0, stat: 'lookups' as const },
    {
      name: 'trying to insert them',
      lookupAbove: Number.POSITIVE_INFINITY,
      stat: 'duplicateInserts' as const,
    },
  ])
    it(`when another instance stored the slots first, then a new instance finds them by ${way.name}: nothing is stored twice, no marker is left over`, async () => {
      const t0 = new Date('2026-05-04T09:00:00Z');
      const clock = new FakeClock(t0);
      const incident = await makeApDuty(t0);
      await scheduler(clock, `first-${way.stat}`).runOnce();
      const before = await remindersOf(incident._id);
      const stats = { ...planStats };
      const second = createReminderScheduler({
        clock,
        logger,
        config,
        instanceId: `second-${way.stat}`,
        planLookupAbove: way.lookupAbove,
      });
      assert.equal((await second.runOnce()).planned, 0);
      assert.ok(planStats[way.stat] > stats[way.stat], `the planner went by ${way.name}`);
      const after = await remindersOf(incident._id);
      assert.deepEqual(
        after.map((r) => [String(r._id), r.key, r.marker]),
        before.map((r) => [String(r._id), r.key, r.marker]),
      );
      assert.equal(await strayMarkers(), 0);
      // The next run of the same instance knows the slots, and no duty has a slot coming into the
      // planning window: nothing is looked up, tried or even worked out again.
      const known = { ...planStats };
      clock.set(new Date(t0.getTime() + 60_000));
      await second.runOnce();
      assert.deepEqual(planStats, known);
      // A day later the next slots have come into the window: this duty is planned again.
      clock.set(new Date(t0.getTime() + 25 * 3_600_000));
      const dayLater = await second.runOnce();
      assert.ok(planStats.dutyPlans > known.dutyPlans, 'planned again once a slot came into the window');
      assert.ok(dayLater.planned >= 1, 'the slots of the next day are stored');
      assert.equal(await strayMarkers(), 0);
    });
});
