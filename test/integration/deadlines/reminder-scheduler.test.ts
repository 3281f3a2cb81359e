// The durable reminder scheduler against the embedded database, with a fake clock (issue 5 "must
// hold"): each reminder fires once at its time; two scheduler instances mail once (checked on a real
// SMTP server); after 3 days of downtime one catch-up reminder per duty; a duty fulfilled at 47 h
// gets no 48 h reminder; a moved deadline drops the old reminders.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { fulfil, makeApDuty, makeAssessment, makeIncident } from '../../helpers/duty-fixtures.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { H, config, logger, scheduler, stepHours } from '../../helpers/reminders.js';
import { createReminderScheduler } from '../../../server/deadlines/reminder-scheduler.js';
import { Reminder } from '../../../models/reminder.model.js';
import { User } from '../../../models/user.model.js';
import { ReminderClaim } from '../../../models/reminder-claim.model.js';
import { OutboxMessage } from '../../../models/outbox-message.model.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import { createMailWorker } from '../../../notifications/worker.js';
import { messageIdForKey } from '../../../notifications/outbox.js';

/** The reminder mails of one incident: slot → the outbox messages (one per language). */
async function mailsOf(incidentId: Types.ObjectId) {
  const rows = await OutboxMessage.find({ key: new RegExp(`^reminder:${String(incidentId)}:`) }).lean();
  return rows.map((m) => {
    const [, , duty, , slot, lang] = m.key.split(':');
    return {
      duty: duty!,
      slot: slot!,
      lang: lang!,
      key: m.key,
      createdAt: m.createdAt,
      template: m.template,
      to: m.to,
      data: m.data as Record<string, unknown>,
    };
  });
}

/** Distinct "duty/slot@hours after t0" of the sent reminder mails, in time order. */
async function sentSlots(incidentId: Types.ObjectId, t0: Date): Promise<string[]> {
  const mails = await mailsOf(incidentId);
  // One entry per reminder (its mails in several languages share everything but the language).
  const seen = new Map<string, { label: string; h: number }>();
  for (const m of mails) {
    seen.set(m.key.replace(/:[a-z]{2}(:\d+)?$/, ''), {
      label: `${m.duty}/${m.slot}`,
      h: (m.createdAt.getTime() - t0.getTime()) / H,
    });
  }
  return [...seen.values()].sort((a, b) => a.h - b.h).map(({ label, h }) => `${label}@${h}`);
}

describe('reminder scheduler (durable, exactly once)', function () {
  this.timeout(120_000);
  before(async () => {
    await startTestDatabase();
    await makeUser('privacy_officer', { name: 'Reminded Officer' });
  });

  it('when the clock runs past the AP deadline, then each reminder fires once, at its time, to officers and deputy; expiry also to the escalation address', async () => {
    const t0 = new Date('2026-10-22T10:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    const s = scheduler(clock, 'solo');
    await s.runOnce();
    await stepHours(clock, 80, () => s.runOnce());
    // The 72 h run across the DST change of 25 October: continuous clock hours.
    assert.deepEqual(await sentSlots(incident._id, t0), [
      'authority/h24@24',
      'authority/h48@48',
      'authority/h60@60',
      'authority/h68@68',
      'authority/expiry@72',
    ]);
    const mails = await mailsOf(incident._id);
    // Exactly one message per slot and language.
    assert.equal(new Set(mails.map((m) => `${m.slot}:${m.lang}`)).size, mails.length);
    const h24 = mails.find((m) => m.slot === 'h24' && m.lang === 'nl')!;
    assert.equal(h24.template, 'deadline-reminder');
    assert.ok(h24.to.includes('plaatsvervanger@example.test'));
    assert.ok(!h24.to.includes('directie@example.test'));
    assert.equal(h24.data.hoursLeft, 48);
    // Only references and a link — never client data (the incident summary, counts, categories).
    assert.deepEqual(Object.keys(h24.data).sort(), [
      'deadline',
      'dutyName',
      'hoursLeft',
      'link',
      'reference',
    ]);
    assert.equal(h24.data.link, `http://meldpunt.test/authority/incidents/${String(incident._id)}`);
    const expiry = mails.find((m) => m.slot === 'expiry' && m.lang === 'nl')!;
    assert.equal(expiry.template, 'deadline-escalation');
    assert.ok(expiry.to.includes('directie@example.test'));
    const reminders = await Reminder.find({ incidentId: incident._id }).lean();
    assert.deepEqual(reminders.map((r) => r.status).sort(), ['sent', 'sent', 'sent', 'sent', 'sent']);
    assert.equal(
      await AuditEntry.countDocuments({ 'object.id': String(incident._id), action: /^deadline\./ }),
      5,
    );
    // Running again changes nothing.
    await s.runOnce();
    assert.equal((await mailsOf(incident._id)).length, mails.length);
  });

  it('when two scheduler instances run side by side, then every reminder reaches the SMTP server exactly once', async () => {
    const t0 = new Date('2026-06-01T06:00:00Z');
    const clock = new FakeClock(t0);
    const apIncident = await makeApDuty(t0);
    const ministryIncident = await makeIncident({ status: 'assessed' });
    await makeAssessment(ministryIncident._id, {
      decidedAt: t0,
      duties: { notifyMinistry: true },
      deadlines: { ministry: new Date(t0.getTime() + 24 * H) },
    });
    const a = scheduler(clock, 'instance-a');
    const b = scheduler(clock, 'instance-b');
    await stepHours(clock, 80, () => Promise.all([a.runOnce(), b.runOnce(), a.runOnce()]));

    assert.deepEqual(await sentSlots(apIncident._id, t0), [
      'authority/h24@24',
      'authority/h48@48',
      'authority/h60@60',
      'authority/h68@68',
      'authority/expiry@72',
    ]);
    assert.deepEqual(await sentSlots(ministryIncident._id, t0), [
      'ministry/p50@12',
      'ministry/p90@22',
      'ministry/expiry@24',
    ]);
    const mine = [...(await mailsOf(apIncident._id)), ...(await mailsOf(ministryIncident._id))];
    // Each reminder was handled by exactly one instance: one claim, one audit entry.
    const reminders = await Reminder.find({
      incidentId: { $in: [apIncident._id, ministryIncident._id] },
    }).lean();
    assert.equal(reminders.length, 8);
    for (const r of reminders)
      assert.equal(await ReminderClaim.countDocuments({ reminderId: r._id }), 1, `one claim for ${r.key}`);
    assert.equal(
      await AuditEntry.countDocuments({ 'object.id': String(apIncident._id), action: /^deadline\./ }),
      5,
    );
    assert.equal(
      await AuditEntry.countDocuments({ 'object.id': String(ministryIncident._id), action: /^deadline\./ }),
      3,
    );

    const sink: SmtpSink = await startSmtpSink();
    const channel = createSmtpChannel({ url: sink.url });
    try {
      const worker = createMailWorker({ channel, clock, logger, from: config.mail.from });
      const expected = new Set(mine.map((m) => messageIdForKey(m.key)));
      for (let i = 0; i < 20; i++) {
        await worker.runOnce();
        const got = new Set(sink.messages.map((m) => m.messageId));
        if ([...expected].every((id) => got.has(id))) break;
      }
      const received = sink.messages.filter((m) => expected.has(m.messageId));
      assert.equal(received.length, expected.size, 'each reminder mail arrives once');
      assert.equal(new Set(received.map((m) => m.messageId)).size, received.length);
      const subjects = received.map((m) => m.subject);
      assert.ok(subjects.some((x) => x.includes(apIncident.reference)));
      assert.ok(!received.some((m) => m.text.includes(apIncident.summary)), 'no client data in the mail');
    } finally {
      await channel.close();
      await sink.close();
    }
  });

  it('when the scheduler was down for 3 days, then it sends one catch-up reminder per duty and marks the older ones skipped', async () => {
    const t0 = new Date('2026-02-02T08:00:00Z');
    const clock = new FakeClock(t0);
    const apIncident = await makeApDuty(t0);
    const subjectsIncident = await makeIncident({ status: 'assessed' });
    await makeAssessment(subjectsIncident._id, {
      decidedAt: new Date(t0.getTime() - 5 * 24 * H),
      duties: { informSubjects: true },
      deadlines: { subjects: new Date(t0.getTime() - 2 * 24 * H) },
    });
    const s = scheduler(clock, 'catch-up');
    clock.advanceHours(1);
    await s.runOnce();
    const beforeDown = await sentSlots(subjectsIncident._id, t0);
    // At t0+1h the subjects target passed 49 h ago: only the latest overdue slot (+24 h after it) goes out.
    assert.deepEqual(beforeDown, ['subjects/overdue-2@1']);
    clock.advanceHours(72); // down for 3 days
    await s.runOnce();
    assert.deepEqual(await sentSlots(apIncident._id, t0), ['authority/expiry@73']);
    assert.deepEqual(await sentSlots(subjectsIncident._id, t0), [
      'subjects/overdue-2@1',
      'subjects/overdue-5@73',
    ]);
    // Slots planned before the downtime are skipped; slots overtaken during it are never even stored.
    const ap = await Reminder.find({ incidentId: apIncident._id }).lean();
    assert.deepEqual(ap.map((r) => `${r.slot}:${r.status}`).sort(), ['expiry:sent', 'h24:skipped']);
    const subjects = await Reminder.find({ incidentId: subjectsIncident._id }).lean();
    assert.deepEqual(subjects.map((r) => `${r.slot}:${r.status}`).sort(), [
      'overdue-2:sent',
      'overdue-3:skipped',
      'overdue-5:sent',
      'overdue-6:pending',
    ]);
  });

  it('when the AP duty is fulfilled at 47 h, then the 48 h reminder (and later ones) are not sent', async () => {
    const t0 = new Date('2026-04-06T07:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    const s = scheduler(clock, 'fulfil');
    await stepHours(
      clock,
      80,
      () => s.runOnce(),
      async (h) => {
        if (h === 47) await fulfil(incident._id, 'authority', clock.now(), { ref: 'AP-12345' });
      },
    );
    assert.deepEqual(await sentSlots(incident._id, t0), ['authority/h24@24']);
    const h48 = await Reminder.findOne({ incidentId: incident._id, slot: 'h48' }).lean();
    assert.equal(h48?.status, 'cancelled');
    assert.equal(h48?.note, 'duty-closed');
    assert.equal(await Reminder.countDocuments({ incidentId: incident._id, status: 'pending' }), 0);
  });

  it('when a re-assessment moves the deadline, then reminders of the old deadline are cancelled and the new clock is followed', async () => {
    const t0 = new Date('2026-05-04T07:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    const s = scheduler(clock, 'moved');
    await stepHours(clock, 24, () => s.runOnce());
    // Awareness corrected 6 h later: new deadline t0+78h.
    const aware2 = new Date(t0.getTime() + 6 * H);
    await makeAssessment(incident._id, {
      version: 2,
      awarenessAt: aware2,
      decidedAt: clock.now(),
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date(aware2.getTime() + 72 * H) },
    });
    await stepHours(clock, 30, () => s.runOnce());
    const sent = await sentSlots(incident._id, t0);
    assert.deepEqual(sent, ['authority/h24@24', 'authority/h24@30', 'authority/h48@54']);
    const old = await Reminder.findOne({
      incidentId: incident._id,
      slot: 'h48',
      clockKey: `dl-${t0.getTime() + 72 * H}`,
    }).lean();
    assert.equal(old?.status, 'cancelled');
    assert.equal(old?.note, 'deadline-changed');
  });
  it('when an instance died holding a claim, then nobody sends until its lease ends, and then another instance takes over once', async () => {
    const t0 = new Date('2026-07-06T07:00:00Z');
    const clock = new FakeClock(t0);
    const incident = await makeApDuty(t0);
    const s = createReminderScheduler({ clock, logger, config, instanceId: 'survivor', leaseMs: 5 * 60_000 });
    clock.advanceHours(1);
    await s.runOnce(); // plans h24
    clock.set(new Date(t0.getTime() + 24 * H));
    const h24 = await Reminder.findOne({ incidentId: incident._id, slot: 'h24' }).lean();
    assert.ok(h24);
    // The dead instance's claim: never released, lease running for 5 more minutes.
    await ReminderClaim.create({
      _id: `${String(h24._id)}:1`,
      reminderId: h24._id,
      generation: 1,
      instanceId: 'dead',
      claimedAt: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + 5 * 60_000),
    });
    await s.runOnce();
    assert.deepEqual(await sentSlots(incident._id, t0), []);
    assert.equal((await Reminder.findById(h24._id).lean())?.status, 'pending');
    clock.advance(6 * 60_000);
    await s.runOnce();
    assert.deepEqual(await sentSlots(incident._id, t0), ['authority/h24@24.1']);
    const claims = await ReminderClaim.find({ reminderId: h24._id }).sort({ generation: 1 }).lean();
    assert.deepEqual(
      claims.map((c) => `${c.generation}:${c.instanceId}`),
      ['1:dead', '2:survivor'],
    );
  });

  it('when more than fifty officers are active, then each gets the reminder once, in mails of at most fifty addresses, with the deputy and escalation address in the first', async () => {
    // One outbox message carries at most 50 addresses: before this, a team of more than 50 got no
    // reminder at all (the mail was refused and the reminder retried in vain every run).
    const team = await Promise.all(
      Array.from({ length: 64 }, (_, n) =>
        makeUser('privacy_officer', {
          email: `team${String(n).padStart(2, '0')}-${randomUUID().slice(0, 6)}@example.test`,
          language: n % 8 === 0 ? 'en' : 'nl',
        }),
      ),
    );
    try {
      const t0 = new Date('2026-05-04T07:00:00Z');
      const clock = new FakeClock(t0);
      const incident = await makeApDuty(t0);
      const s = scheduler(clock, 'large-team');
      await s.runOnce();
      clock.set(new Date(t0.getTime() + 72 * H));
      await s.runOnce();
      const expiry = (await mailsOf(incident._id)).filter((m) => m.slot === 'expiry');
      assert.ok(expiry.length >= 3, 'Dutch in two mails or more, and English');
      for (const m of expiry) assert.ok(m.to.length <= 50, `${m.key} carries ${m.to.length} addresses`);
      const all = expiry.flatMap((m) => m.to);
      assert.equal(new Set(all).size, all.length, 'nobody twice');
      for (const u of team)
        assert.equal(all.filter((a) => a === u.email.toLowerCase()).length, 1, `${u.email} once`);
      const firstNl = expiry.find((m) => m.key.endsWith(':expiry:nl'));
      assert.ok(
        firstNl?.to.includes('directie@example.test') && firstNl.to.includes('plaatsvervanger@example.test'),
      );
      const englishTeam = team.filter((_, n) => n % 8 === 0).map((u) => u.email.toLowerCase());
      const inEnglish = expiry.filter((m) => m.lang === 'en').flatMap((m) => m.to);
      for (const a of englishTeam) assert.ok(inEnglish.includes(a), `${a} in English`);
      const reminder = await Reminder.findOne({ incidentId: incident._id, slot: 'expiry' }).lean();
      assert.equal(reminder?.status, 'sent');
      assert.deepEqual([...(reminder?.outboxKeys ?? [])].sort(), expiry.map((m) => m.key).sort());
    } finally {
      // The suite's database is shared: the large team leaves no active officers behind.
      await User.updateMany({ email: { $in: team.map((u) => u.email) } }, { $set: { active: false } });
    }
  });
});
