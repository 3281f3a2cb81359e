// Reminders and escalation before any assessment exists (issue 12, problem 1): a new report that
// may involve personal data is chased like an open AP duty — on the provisional clock from
// discovery, then on the awareness clock once awareness is set — and the chase stops or carries on
// without repeats when the first assessment decides (domain.md §10.5, §10.8 item 7).
import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { makeAssessment, makeIncident } from '../../helpers/duty-fixtures.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { H, scheduler, stepHours } from '../../helpers/reminders.js';
import { Reminder } from '../../../models/reminder.model.js';
import { OutboxMessage } from '../../../models/outbox-message.model.js';
import { Incident } from '../../../models/incident.model.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

/** "duty/slot@hours after t0" of the reminders mailed for one incident, one per reminder, in time order. */
async function sentSlots(incidentId: Types.ObjectId, t0: Date): Promise<string[]> {
  const rows = await OutboxMessage.find({ key: new RegExp(`^reminder:${String(incidentId)}:`) }).lean();
  const seen = new Map<string, { label: string; h: number }>();
  for (const m of rows) {
    const [, , duty, , slot] = m.key.split(':');
    seen.set(m.key.slice(0, m.key.lastIndexOf(':')), {
      label: `${duty}/${slot}`,
      h: (m.createdAt.getTime() - t0.getTime()) / H,
    });
  }
  return [...seen.values()].sort((a, b) => a.h - b.h).map(({ label, h }) => `${label}@${h}`);
}

describe('reminders before the assessment (the AP clock from the first minute)', function () {
  this.timeout(180_000);
  before(async () => {
    await startTestDatabase();
    await makeUser('privacy_officer', { name: 'Early Officer' });
  });

  it('when a new report is never assessed, then the AP reminders run from discovery and the expiry escalates to management', async () => {
    const t0 = new Date('2026-09-07T06:00:00Z');
    const clock = new FakeClock(t0);
    // Reported internally 20 hours after discovery: the clock still runs from discovery.
    const report = await makeIncident({
      discoveredAt: t0,
      reportedInternallyAt: new Date(t0.getTime() + 20 * H),
    });
    const s = scheduler(clock, 'early-solo');
    await s.runOnce();
    await stepHours(clock, 76, () => s.runOnce());
    assert.deepEqual(await sentSlots(report._id, t0), [
      'authority/h24@24',
      'authority/h48@48',
      'authority/h60@60',
      'authority/h68@68',
      'authority/expiry@72',
    ]);
    const mails = await OutboxMessage.find({ key: new RegExp(`^reminder:${String(report._id)}:`) }).lean();
    const expiry = mails.find((m) => m.key.includes(':expiry:') && m.key.endsWith(':nl'))!;
    assert.equal(expiry.template, 'deadline-escalation');
    assert.ok(expiry.to.includes('directie@example.test'));
    const h24 = mails.find((m) => m.key.includes(':h24:') && m.key.endsWith(':nl'))!;
    assert.equal(h24.template, 'deadline-reminder');
    assert.ok(!h24.to.includes('directie@example.test'));
    // No assessment yet: the link leads to the incident page, where triage and assessment start,
    // and the duty is named as not assessed, with a provisional deadline.
    assert.equal((h24.data as { link: string }).link, `http://meldpunt.test/incidents/${String(report._id)}`);
    assert.equal(
      (h24.data as { dutyName: string }).dutyName,
      'Melding aan de AP (nog niet beoordeeld; voorlopige termijn vanaf de ontdekking)',
    );
    // Only references and a link — never client data.
    assert.deepEqual(Object.keys(h24.data as object).sort(), [
      'deadline',
      'dutyName',
      'hoursLeft',
      'link',
      'reference',
    ]);
    assert.equal(
      await AuditEntry.countDocuments({
        'object.id': String(report._id),
        action: 'deadline.escalation-queued',
      }),
      1,
    );
  });

  it('when awareness is set, then the provisional clock is dropped and the awareness clock is followed', async () => {
    const t0 = new Date('2026-09-14T06:00:00Z');
    const clock = new FakeClock(t0);
    const report = await makeIncident({ discoveredAt: t0 });
    const s = scheduler(clock, 'early-aware');
    await stepHours(
      clock,
      60,
      () => s.runOnce(),
      async (h) => {
        // At 30 h the officer records awareness at t0 + 10 h: the deadline becomes t0 + 82 h.
        if (h === 30)
          await Incident.updateOne(
            { _id: report._id },
            { $set: { awarenessAt: new Date(t0.getTime() + 10 * H), status: 'triage' } },
          );
      },
    );
    assert.deepEqual(await sentSlots(report._id, t0), [
      'authority/h24@24',
      'authority/h24@34',
      'authority/h48@58',
    ]);
    const onAwareness = await OutboxMessage.findOne({
      key: new RegExp(`^reminder:${String(report._id)}:authority:dl-${t0.getTime() + 82 * H}:h24:nl$`),
    }).lean();
    assert.equal(
      (onAwareness?.data as { dutyName: string }).dutyName,
      'Melding aan de AP (nog niet beoordeeld)',
    );
    const old = await Reminder.findOne({
      incidentId: report._id,
      slot: 'h48',
      clockKey: `dl-${t0.getTime() + 72 * H}`,
    }).lean();
    assert.equal(old?.status, 'cancelled');
    assert.equal(old?.note, 'deadline-changed');
  });

  it('when the first assessment finds no AP notification is needed, then the chase stops', async () => {
    const t0 = new Date('2026-09-21T06:00:00Z');
    const clock = new FakeClock(t0);
    const report = await makeIncident({ discoveredAt: t0 });
    const s = scheduler(clock, 'early-none');
    await stepHours(
      clock,
      80,
      () => s.runOnce(),
      async (h) => {
        if (h === 47) {
          await makeAssessment(report._id, {
            riskLevel: 'none',
            awarenessAt: t0,
            decidedAt: clock.now(),
            duties: { notifyAuthority: false },
          });
          await Incident.updateOne({ _id: report._id }, { $set: { status: 'assessed' } });
        }
      },
    );
    assert.deepEqual(await sentSlots(report._id, t0), ['authority/h24@24']);
    const h48 = await Reminder.findOne({ incidentId: report._id, slot: 'h48' }).lean();
    assert.equal(h48?.status, 'cancelled');
    assert.equal(h48?.note, 'duty-closed');
    assert.equal(await Reminder.countDocuments({ incidentId: report._id, status: 'pending' }), 0);
  });

  it('when the first assessment keeps the AP duty on the same clock, then the reminders carry on without a repeat', async () => {
    const t0 = new Date('2026-09-28T06:00:00Z');
    const clock = new FakeClock(t0);
    const report = await makeIncident({ discoveredAt: t0, awarenessAt: t0 });
    const s = scheduler(clock, 'early-kept');
    await stepHours(
      clock,
      76,
      () => s.runOnce(),
      async (h) => {
        if (h === 30) {
          await makeAssessment(report._id, {
            awarenessAt: t0,
            decidedAt: clock.now(),
            duties: { notifyAuthority: true },
            deadlines: { authority: new Date(t0.getTime() + 72 * H) },
          });
          await Incident.updateOne({ _id: report._id }, { $set: { status: 'assessed' } });
        }
      },
    );
    assert.deepEqual(await sentSlots(report._id, t0), [
      'authority/h24@24',
      'authority/h48@48',
      'authority/h60@60',
      'authority/h68@68',
      'authority/expiry@72',
    ]);
    // The h48 mail, after the assessment, links to the AP dossier.
    const h48 = await OutboxMessage.findOne({
      key: new RegExp(`^reminder:${String(report._id)}:authority:[^:]+:h48:nl$`),
    }).lean();
    assert.equal(
      (h48?.data as { link: string }).link,
      `http://meldpunt.test/authority/incidents/${String(report._id)}`,
    );
  });

  it('when the reporter says no personal data are involved, or the report is closed as not a breach, then nobody is chased', async () => {
    const t0 = new Date('2026-10-05T06:00:00Z');
    const clock = new FakeClock(t0);
    const noData = await makeIncident({ discoveredAt: t0, personalDataInvolved: 'no' });
    const notBreach = await makeIncident({ discoveredAt: t0 });
    const s = scheduler(clock, 'early-quiet');
    await stepHours(
      clock,
      76,
      () => s.runOnce(),
      async (h) => {
        if (h === 10)
          await Incident.updateOne(
            { _id: notBreach._id },
            { $set: { status: 'not_a_breach', notABreachReason: 'Geen persoonsgegevens.' } },
          );
      },
    );
    assert.deepEqual(await sentSlots(noData._id, t0), []);
    assert.deepEqual(await sentSlots(notBreach._id, t0), []);
    assert.equal(await Reminder.countDocuments({ incidentId: notBreach._id, status: 'pending' }), 0);
  });
});
