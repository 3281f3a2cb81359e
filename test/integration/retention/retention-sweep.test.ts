// Issue 13, retention: an incident past REGISTER_RETENTION_YEARS is deleted with every record that
// belongs to it; one within the period, one still being handled and one on legal hold are kept; a
// hold lifted makes it eligible again; every step is in the audit trail (which stays intact and
// holds no personal data); and of two processes sweeping at once exactly one runs.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { clearCollections, startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import {
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  testCipher,
  testDomain,
} from '../../helpers/notices.js';
import { startRacers } from '../../helpers/race.js';
import { memoryIo } from '../../helpers/cli.js';
import { makeRetentionSweepCommand } from '../../../server/cli/retention-sweep.command.js';
import { enqueueRun } from '../../../notifications/notice-run/enqueue.js';
import { cancelRun } from '../../../server/notices/notice-run-control.service.js';
import { purgeContactData } from '../../../server/notices/contact-purge.js';
import {
  countRecords,
  expiredIncidents,
  runRetentionSweep,
  type SweepResult,
} from '../../../server/retention/retention.service.js';
import { liftHold, placeHold } from '../../../server/retention/retention-hold.service.js';
import { incidentIndex } from '../../../server/incidents/incident-index.js';
import { verifyAuditChain } from '../../../server/audit/audit.service.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { Incident, type IncidentDoc } from '../../../models/incident.model.js';
import { RetentionClaim } from '../../../models/retention-claim.model.js';

const YEAR = 365 * 86_400_000;
const sweeper = {
  actor: { kind: 'system' as const, label: 'register-retention' },
  origin: { via: 'scheduler' as const },
};

/** Collections holding an incident's records by `incidentId`, by `runId`, and the rest. */
const BY_INCIDENT = [
  'incident_events',
  'incident_transitions',
  'assessments',
  'duty_fulfilments',
  'authority_filings',
  'ministry_notices',
  'ministry_notice_acks',
  'affected_persons',
  'notice_imports',
  'notice_list_changes',
  'notice_letter_postings',
  'notice_publications',
  'reminders',
  'outbox_messages',
  'attachments',
  'notice_runs',
];
const BY_RUN = [
  'notice_run_events',
  'notice_run_texts',
  'notice_pages',
  'notice_page_heads',
  'notice_recipients',
  'notice_claims',
];

function coll(name: string) {
  return mongoose.connection.collection(name);
}

/** Gives the incident a record in every collection that belongs to it (besides a real notice run). */
/** The ids of the incident's mail and reminder, whose claims and due markers name only them. */
interface ItemIds {
  mailId: Types.ObjectId;
  reminderId: Types.ObjectId;
}

async function fillChildren(incident: IncidentDoc, now: Date): Promise<ItemIds> {
  const incidentId = incident._id;
  const runId = new Types.ObjectId();
  for (const c of BY_INCIDENT)
    await coll(c).insertOne({ _id: c === 'notice_runs' ? runId : new Types.ObjectId(), incidentId, at: now });
  for (const c of BY_RUN)
    await coll(c).insertOne({
      _id: (c === 'notice_pages' ||
      c === 'notice_page_heads' ||
      c === 'notice_recipients' ||
      c === 'notice_claims'
        ? `${String(runId)}:x`
        : new Types.ObjectId()) as never,
      runId,
      at: now,
    });
  await coll('notice_enqueues').insertOne({ _id: runId, finishedAt: now });
  await coll('notice_sending').insertOne({ _id: runId, since: now });
  const attachment = await coll('attachments').findOne({ incidentId });
  await coll('attachment_chunks').insertOne({ attachmentId: attachment!._id, n: 0 });
  const mail = await coll('outbox_messages').findOne({ incidentId });
  await coll('mail_claims').insertOne({
    _id: `${String(mail!._id)}:1` as never,
    messageId: mail!._id,
    generation: 1,
  });
  const reminder = await coll('reminders').findOne({ incidentId });
  await coll('deadline_claims').insertOne({
    _id: `${String(reminder!._id)}:1` as never,
    reminderId: reminder!._id,
    generation: 1,
  });
  // Due markers, as if both were still pending (they may have one already).
  for (const [c, _id] of [
    ['outbox_due', mail!._id],
    ['reminder_due', reminder!._id],
  ] as const)
    await coll(c).updateOne({ _id }, { $set: { dueAt: now } }, { upsert: true });
  await coll('notice_purges').insertOne({ _id: incidentId, purgedAt: now });
  await coll('intake_pending').insertOne({ _id: incidentId, at: now });
  return { mailId: mail!._id, reminderId: reminder!._id };
}

/** Every record left anywhere that names the incident, its runs, attachments, mails or reminders. */
async function leftovers(
  incidentId: Types.ObjectId,
  runIds: Types.ObjectId[],
  items?: ItemIds,
): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  const note = (c: string, n: number) => {
    if (n) left[c] = n;
  };
  note('incidents', await coll('incidents').countDocuments({ _id: incidentId }));
  for (const c of BY_INCIDENT) note(c, await coll(c).countDocuments({ incidentId }));
  for (const c of BY_RUN) note(c, await coll(c).countDocuments({ runId: { $in: runIds } }));
  note('notice_enqueues', await coll('notice_enqueues').countDocuments({ _id: { $in: runIds } }));
  note('notice_sending', await coll('notice_sending').countDocuments({ _id: { $in: runIds } }));
  note('notice_purges', await coll('notice_purges').countDocuments({ _id: incidentId }));
  note('intake_pending', await coll('intake_pending').countDocuments({ _id: incidentId }));
  if (items) {
    note('mail_claims', await coll('mail_claims').countDocuments({ messageId: items.mailId }));
    note('outbox_due', await coll('outbox_due').countDocuments({ _id: items.mailId }));
    note('deadline_claims', await coll('deadline_claims').countDocuments({ reminderId: items.reminderId }));
    note('reminder_due', await coll('reminder_due').countDocuments({ _id: items.reminderId }));
  }
  return left;
}

describe('integration: register retention', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });
  // Sweeps of other tests must not count as having swept these moments.
  beforeEach(() => clearCollections('RetentionClaim'));

  it('when an incident was closed longer ago than the retention period, then it is deleted with every record belonging to it and the deletion is audited with counts only; a recent, an open and an unclosed-but-old incident are handled by their own start', async () => {
    const now = new Date('2011-03-01T02:00:00Z');
    const reporter = await makeUser('reporter');
    const old = await makeIncident(reporter, new Date(now.getTime() - 7 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 5 * YEAR - 86_400_000),
    });
    const recent = await makeIncident(reporter, new Date(now.getTime() - 7 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 4 * YEAR),
    });
    const open = await makeIncident(reporter, new Date(now.getTime() - 9 * YEAR), { status: 'assessed' });
    const withdrawn = await makeIncident(reporter, new Date(now.getTime() - 6 * YEAR), {
      status: 'withdrawn',
    });
    // A real notice run with pages (sealed names and addresses), and real affected persons.
    await insertPersons(old._id, contacts(3, testDomain()), reporter.id, now);
    const run = await preparedRun(old, now);
    await enqueueRun(
      { runId: run.runId, incidentId: String(old._id) },
      testCipher,
      () => Promise.resolve(true),
      () => now,
      true,
      2,
    );
    await cancelRun(run.runId, ctxOf(run.approver, now));
    const oldItems = await fillChildren(old, now);
    await fillChildren(recent, now);
    const runIds = (await coll('notice_runs').find({ incidentId: old._id }).toArray()).map((r) => r._id);
    const before = (await countRecords([old._id])).get(String(old._id))!;
    assert.equal(before.affectedPersons, 4, 'three real persons and one inserted');
    assert.equal(before.noticeRuns, 2);
    assert.ok(before.pages! >= 3 && before.recipients! >= 1 && before.attachmentChunks === 1);

    const preview = await expiredIncidents(now, 5);
    const previewed = preview.map((e) => e.reference);
    assert.ok(previewed.includes(old.reference) && previewed.includes(withdrawn.reference));
    assert.ok(!previewed.includes(recent.reference) && !previewed.includes(open.reference));

    assert.ok((await incidentIndex()).get(String(old._id)), 'the read model knows the incident before');
    const result = await runRetentionSweep({ now, years: 5, ...sweeper });
    assert.equal(result.ran, true);
    // The deletes went through the change feed: the in-memory read model follows them.
    const index = await incidentIndex();
    assert.equal(index.get(String(old._id)), undefined);
    assert.equal(index.latestAssessment(String(old._id)), undefined);
    assert.ok(index.get(String(recent._id)));
    assert.deepEqual(
      result.deleted
        .map((d) => d.reference)
        .filter((r) => [old.reference, withdrawn.reference].includes(r))
        .sort(),
      [old.reference, withdrawn.reference].sort(),
    );
    assert.deepEqual(await leftovers(old._id, runIds, oldItems), {}, 'nothing of the old incident is left');
    assert.equal(
      await Incident.countDocuments({ _id: { $in: [recent._id, open._id] } }),
      2,
      'within retention and open: kept',
    );
    assert.ok(
      (await countRecords([recent._id])).get(String(recent._id))!.events! >= 1,
      'the kept incident keeps its records',
    );

    const audit = await AuditEntry.find({
      action: 'register.retention.delete',
      'object.id': String(old._id),
    }).lean();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.object?.ref, old.reference);
    const details = audit[0]!.details as {
      records: number;
      retentionYears: number;
      counts: Record<string, number>;
    };
    assert.equal(details.retentionYears, 5);
    assert.equal(details.counts.affectedPersons, 4);
    assert.equal(
      details.records,
      Object.values(before).reduce((a, b) => a + b, 0),
    );
    const text = JSON.stringify(audit[0]);
    assert.ok(
      !text.includes('@') && !text.includes(old.summary),
      'no contact data or incident text in the entry',
    );
    assert.equal(audit[0]!.actor?.kind, 'system');
    assert.equal((await verifyAuditChain()).ok, true, 'the audit trail is intact and kept');
  });

  it('when an expired incident is on legal hold, then the sweep and the contact purge keep it; once the hold is lifted the next sweep deletes it; placing and lifting are audited', async () => {
    const now = new Date('2012-03-01T02:00:00Z');
    const reporter = await makeUser('reporter');
    const officer = await makeUser('privacy_officer');
    const held = await makeIncident(reporter, new Date(now.getTime() - 8 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 6 * YEAR),
    });
    await insertPersons(held._id, contacts(2, testDomain()), reporter.id, now);
    await fillChildren(held, now);

    await placeHold(held.reference, 'Onderzoek door de toezichthouder loopt', ctxOf(officer, now));
    await assert.rejects(
      placeHold(held.reference, 'nog een keer', ctxOf(officer, now)),
      /hold_exists|Conflict/i,
    );
    const first = await runRetentionSweep({ now, years: 5, ...sweeper });
    assert.equal(first.ran, true);
    assert.ok(first.held >= 1);
    assert.ok(!first.deleted.some((d) => d.reference === held.reference));
    assert.equal(await Incident.countDocuments({ _id: held._id }), 1, 'on hold: kept');
    await purgeContactData(now, 90);
    assert.equal(
      await AffectedPerson.countDocuments({ incidentId: held._id, channel: { $exists: true } }),
      2,
      'on hold: contact data kept too',
    );
    const preview = await expiredIncidents(now, 5);
    assert.equal(
      preview.find((e) => e.reference === held.reference)?.hold?.reason,
      'Onderzoek door de toezichthouder loopt',
    );

    const later = new Date(now.getTime() + 3_600_000);
    await liftHold(String(held._id), 'Onderzoek afgerond', ctxOf(officer, later));
    const second = await runRetentionSweep({ now: later, years: 5, ...sweeper });
    assert.ok(second.deleted.some((d) => d.reference === held.reference));
    assert.equal(await Incident.countDocuments({ _id: held._id }), 0, 'released: deleted');

    const trail = await AuditEntry.find({ 'object.id': String(held._id), action: /^register\.retention\./ })
      .sort({ seq: 1 })
      .lean();
    assert.deepEqual(
      trail.map((e) => e.action),
      ['register.retention.hold', 'register.retention.release', 'register.retention.delete'],
    );
    assert.equal(trail[0]!.actor?.kind, 'user');
    assert.equal((trail[0]!.details as { reason: string }).reason, 'Onderzoek door de toezichthouder loopt');
    assert.equal((trail[1]!.details as { reason: string }).reason, 'Onderzoek afgerond');
  });

  it('when two processes start the sweep at the same moment (behind a barrier), then exactly one runs and deletes, the other finds the sweep taken', async () => {
    const now = new Date('2013-03-01T02:00:00Z');
    const reporter = await makeUser('reporter');
    const expired = await Promise.all(
      [1, 2, 3].map(() =>
        makeIncident(reporter, new Date(now.getTime() - 8 * YEAR), {
          status: 'closed',
          closedAt: new Date(now.getTime() - 6 * YEAR),
        }),
      ),
    );
    for (const i of expired) await fillChildren(i, now);
    const racers = await startRacers<SweepResult & { lostInserts: number }>(
      'test/helpers/retention-racer.ts',
      2,
      () => [uri, now.toISOString(), '5'],
    );
    const results = await racers.go();
    const ran = results.filter((r) => r.ran);
    const skipped = results.filter((r) => !r.ran);
    assert.equal(ran.length, 1, `exactly one sweep ran: ${JSON.stringify(results)}`);
    assert.equal(skipped.length, 1);
    // The contended path: the other lost the insert, found the claim live, or found this moment swept.
    assert.ok(['lost', 'live', 'swept'].includes(skipped[0]!.skipped!));
    assert.equal(skipped[0]!.deleted.length, 0);
    for (const i of expired) assert.ok(ran[0]!.deleted.some((d) => d.reference === i.reference));
    assert.equal(await Incident.countDocuments({ _id: { $in: expired.map((i) => i._id) } }), 0);
    for (const i of expired)
      assert.equal(
        await AuditEntry.countDocuments({ action: 'register.retention.delete', 'object.id': String(i._id) }),
        1,
        'deleted and audited once',
      );
    assert.equal(await RetentionClaim.countDocuments({ gen: 1 }), 1, 'one claim of the first generation');
    assert.equal((await verifyAuditChain()).ok, true);
  });

  it('when the CLI command runs with --dry-run, then it lists the expired incident and deletes nothing; without it the incident is deleted and the sweep audited as from the command line', async () => {
    const now = new Date('2014-03-01T02:00:00Z');
    const reporter = await makeUser('reporter');
    const expired = await makeIncident(reporter, new Date(now.getTime() - 8 * YEAR), {
      status: 'not_a_breach',
      updatedAt: new Date(now.getTime() - 5 * YEAR - 86_400_000),
    });
    const command = makeRetentionSweepCommand(
      (fn) => fn(5),
      () => now,
    );
    const dry = memoryIo();
    assert.equal(await command.run(['--dry-run'], dry), 0, dry.err);
    assert.match(dry.out, new RegExp(`${expired.reference}\tnot_a_breach\t.*to delete`));
    assert.equal(await Incident.countDocuments({ _id: expired._id }), 1);
    const io = memoryIo();
    assert.equal(await command.run([], io), 0, io.err);
    assert.match(io.out, new RegExp(`deleted ${expired.reference}`));
    assert.equal(await Incident.countDocuments({ _id: expired._id }), 0);
    assert.ok(
      await AuditEntry.exists({
        action: 'register.retention.delete',
        'object.id': String(expired._id),
        'origin.via': 'cli',
      }),
    );
    // The same moment again: already swept, nothing done.
    const again = memoryIo();
    assert.equal(await command.run([], again), 1);
    assert.match(again.err, /Another process/);
    const bad = memoryIo();
    assert.equal(await command.run(['--bogus'], bad), 2);
    assert.match(bad.err, /Usage: meldpunt retention:sweep/);
  });

  it("when another process holds a live sweep claim, then a sweep does nothing; when that claim's lease ran out (its owner died), then the next sweep takes it over and deletes", async () => {
    const now = new Date('2015-03-01T02:00:00Z');
    const reporter = await makeUser('reporter');
    const expired = await makeIncident(reporter, new Date(now.getTime() - 8 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 6 * YEAR),
    });
    await RetentionClaim.create({
      _id: 'retention:1',
      gen: 1,
      workerId: 'elsewhere',
      claimedAt: now,
      leaseUntil: new Date(now.getTime() + 60_000),
    });
    const blocked = await runRetentionSweep({ now, years: 5, ...sweeper });
    assert.deepEqual({ ran: blocked.ran, skipped: blocked.skipped }, { ran: false, skipped: 'live' });
    assert.equal(await Incident.countDocuments({ _id: expired._id }), 1);

    const afterLease = new Date(now.getTime() + 120_000);
    const taken = await runRetentionSweep({ now: afterLease, years: 5, ...sweeper });
    assert.equal(taken.ran, true);
    assert.ok(taken.deleted.some((d) => d.reference === expired.reference));
    const claim = await RetentionClaim.findById('retention:2').lean();
    assert.equal(
      claim?.releasedAt?.toISOString(),
      afterLease.toISOString(),
      'generation 2 taken over and released',
    );
  });
});
