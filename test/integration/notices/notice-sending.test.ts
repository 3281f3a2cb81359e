// The sending engine against a real SMTP sink (issue 7 "must hold"): temporary refusals are retried
// until delivered, permanent ones end in the letters list, nothing is lost; two workers on one run
// never send a message twice; too many failures in a row pause the run and tell the officers; a
// started run is marked as sending (what the workers poll) until it has ended.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { startSmtpSink, type SmtpSink, type SinkMessage } from '../../helpers/smtp-sink.js';
import {
  completeTexts,
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  TEST_CONTACT_KEY,
  testDomain,
  testGate,
} from '../../helpers/notices.js';
import { makeUser } from '../../helpers/factories.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import type { AppDeps } from '../../../server/deps.js';
import { FakeMailChannel } from '../../helpers/fake-mail-channel.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import type { MailChannel } from '../../../notifications/channels/channel.js';
import { createNoticeRunWorker } from '../../../notifications/notice-run/notice-run-job.js';
import type { NoticeWorker } from '../../../notifications/notice-run/notice-worker.js';
import { messageIdForKey } from '../../../notifications/outbox.js';
import { NoticePageHead } from '../../../models/notice-page-head.model.js';
import { NoticeRecipient } from '../../../models/notice-recipient.model.js';
import { DutyFulfilment } from '../../../models/duty-fulfilment.model.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import { OutboxMessage } from '../../../models/outbox-message.model.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { runSnapshot } from '../../../server/notices/run-events.js';
import { NoticeSending } from '../../../models/notice-sending.model.js';
import { restoreSendingMarkers } from '../../../notifications/notice-run/mongo-store.js';
import { cancelRun, resumeRun } from '../../../server/notices/notice-run-control.service.js';

const RETRY = { baseDelayMs: 1000, factor: 2, maxDelayMs: 4000, maxAttempts: 4 };

describe('integration: notice runs over SMTP', function () {
  this.timeout(120_000);
  let sink: SmtpSink;
  let deps: AppDeps;
  let clock: FakeClock;
  const channels: MailChannel[] = [];
  const runs: { runId: string; officer: Parameters<typeof ctxOf>[0] }[] = [];

  before(async () => {
    await startTestDatabase();
    sink = await startSmtpSink();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'meldpunt-notices-')),
      BASE_URL: 'http://meldpunt.test',
      ATTACHMENT_KEY: TEST_CONTACT_KEY,
    });
    clock = new FakeClock('2026-02-02T09:00:00Z');
    deps = { config, logger: createLogger('silent'), clock, mail: new FakeMailChannel() };
  });

  afterEach(async () => {
    // Leave no run sending for other tests' workers.
    for (const r of runs.splice(0)) {
      const s = await runSnapshot(r.runId);
      if (s && ['draft', 'approved', 'sending', 'paused'].includes(s.state))
        await cancelRun(r.runId, ctxOf(r.officer, clock.now()));
    }
  });

  after(async () => {
    for (const c of channels) await c.close();
    await sink.close();
  });

  function worker(pageSize = 25): NoticeWorker {
    const channel = createSmtpChannel({ url: sink.url, maxConnections: 3 });
    channels.push(channel);
    return createNoticeRunWorker(deps, channel, {
      pageSize,
      chunkSize: 10,
      retryPolicy: RETRY,
      leaseMs: 60_000,
    });
  }

  async function setUp(
    n: number,
    opts: { letters?: number; settings?: Record<string, number>; pageSize?: number } = {},
  ) {
    const reporter = await makeUser('reporter');
    const incident = await makeIncident(reporter, clock.now());
    const domain = testDomain();
    const people = contacts(n, domain);
    for (let i = 0; i < (opts.letters ?? 0); i++) {
      people.push({
        lang: 'nl',
        contact: {
          name: `Briefpersoon ${i}`,
          email: null,
          addressLines: [`Laan ${i}`],
          postcode: '1000 AA',
          city: 'Amsterdam',
          country: '',
        },
      });
    }
    await insertPersons(incident._id, people, reporter.id, clock.now());
    const run = await preparedRun(incident, clock.now(), { settings: opts.settings });
    runs.push({ runId: run.runId, officer: run.approver });
    return { incident, domain, ...run };
  }

  const ofDomain = (domain: string): SinkMessage[] =>
    sink.messages.filter((m) => m.to.some((t) => t.endsWith(`@${domain}`)));

  async function runUntilDone(
    workers: NoticeWorker[],
    runId: string,
    rounds = 20,
  ): Promise<{ pages: number; skipped: number }[]> {
    const totals = workers.map(() => ({ pages: 0, skipped: 0 }));
    for (let i = 0; i < rounds; i++) {
      const summaries = await Promise.all(workers.map((w) => w.runOnce()));
      summaries.forEach((s, j) => {
        totals[j]!.pages += s.pages;
        totals[j]!.skipped += s.skipped;
      });
      if ((await runSnapshot(runId))?.state !== 'sending') break;
      clock.advance(5000);
    }
    return totals;
  }

  it('when a run starts, then a marker names it as sending until it has ended; a sending run without one (an earlier version) is found by a new worker', async () => {
    const { runId } = await setUp(5);
    const id = new Types.ObjectId(runId);
    assert.ok(await NoticeSending.exists({ _id: id }), 'marked before the start was stored');
    // As an earlier version left a run it started: no marker.
    await NoticeSending.deleteOne({ _id: id });
    const w = worker();
    await runUntilDone([w], runId);
    assert.equal((await runSnapshot(runId))?.state, 'completed', 'found and sent without a marker');
    assert.ok(await NoticeSending.exists({ _id: id }), 'restored by the first poll');
    await w.runOnce();
    assert.equal(
      await NoticeSending.exists({ _id: id }),
      null,
      'the next poll removes the marker of an ended run',
    );
    assert.equal(await restoreSendingMarkers(), 0, 'nothing left to restore');
  });

  it('when the server refuses some recipients with 4xx and others with 5xx, then every temporary failure is delivered in the end, every permanent one is a letter, and none is lost', async () => {
    const { domain, runId, incident } = await setUp(40, { letters: 2 });
    sink.reject({ recipient: `r3@${domain}`, code: 451, times: 2 });
    sink.reject({ recipient: `r7@${domain}`, code: 452, times: 2 });
    // (Not 421: the pooled transport itself moves a message refused with 421 to a fresh connection.)
    sink.reject({ recipient: `r11@${domain}`, code: 450, times: 1 });
    sink.reject({ recipient: `r5@${domain}`, code: 550 });
    sink.reject({ recipient: `r13@${domain}`, code: 550 });
    sink.reject({ recipient: `r17@${domain}`, code: 553 });
    const w = worker();
    const summaries = [];
    for (let i = 0; i < 20; i++) {
      summaries.push(await w.runOnce());
      if ((await runSnapshot(runId))?.state !== 'sending') break;
      clock.advance(5000);
    }
    assert.equal((await runSnapshot(runId))?.state, 'completed');

    // Every recipient except the three refused for good received exactly one message.
    const got = ofDomain(domain);
    const byTo = new Map<string, number>();
    for (const m of got) byTo.set(m.to[0]!, (byTo.get(m.to[0]!) ?? 0) + 1);
    const permanent = [5, 13, 17].map((i) => `r${i}@${domain}`);
    for (let i = 0; i < 40; i++) {
      const to = `r${i}@${domain}`;
      assert.equal(
        byTo.get(to) ?? 0,
        permanent.includes(to) ? 0 : 1,
        `${to} delivered ${byTo.get(to) ?? 0} times`,
      );
    }
    assert.equal(new Set(got.map((m) => m.messageId)).size, got.length, 'a Message-ID was delivered twice');
    const retried = summaries.reduce((n, s) => n + s.retried, 0);
    assert.equal(retried, 5, 'r3 and r7 twice, r11 once');

    // The stored state: 37 sent, 3 failed for good (the letters list, with their SMTP codes), 2 letters from the start.
    const heads = await NoticePageHead.find({ runId: new Types.ObjectId(runId) }).lean();
    const status = heads
      .sort((a, b) => a.page - b.page)
      .map((h) => h.status)
      .join('');
    assert.equal(status.length, 42);
    assert.equal([...status].filter((c) => c === 'S').length, 37);
    assert.equal([...status].filter((c) => c === 'F').length, 3);
    assert.equal([...status].filter((c) => c === 'L').length, 2);
    assert.equal(
      [...status].filter((c) => 'psrD'.includes(c)).length,
      0,
      'nothing left pending, in flight or dead',
    );
    const codes = heads.flatMap((h) => h.failures.map((f) => f.code)).sort();
    assert.deepEqual(codes, [550, 550, 553]);
    assert.ok(
      heads.every((h) => h.failures.every((f) => !String(f.e).includes('@'))),
      'no address in stored errors',
    );

    // Each message carries the deterministic Message-ID of its recipient and the approved text.
    const persons = await AffectedPerson.find({ incidentId: incident._id }).select({ _id: 1 }).lean();
    const expectedIds = new Set(persons.map((p) => messageIdForKey(`notice:${runId}:${String(p._id)}`)));
    assert.ok(got.every((m) => expectedIds.has(m.messageId)));
    const first = got.find((m) => m.to[0] === `r0@${domain}`)!;
    assert.match(first.subject, new RegExp(incident.reference));
    assert.match(first.text, /Beste Persoon 0,/);
    assert.match(first.text, /NL: wat er gebeurde/);
    assert.match(first.html, /<h2[^>]*>Wat is er gebeurd\?<\/h2>/);
    assert.equal(await NoticeRecipient.countDocuments({ runId: new Types.ObjectId(runId) }), 42);

    // The duty is recorded, and the completion is in the audit trail.
    assert.ok(await DutyFulfilment.exists({ incidentId: incident._id, duty: 'subjects', ref: runId }));
    const audit = await AuditEntry.findOne({ action: 'notice.run.completed', 'object.id': runId }).lean();
    assert.equal((audit?.details as { counts: { sent: number } }).counts.sent, 37);
  });

  it('when two workers work on one run at the same time, then no recipient gets the message twice', async () => {
    const { domain, runId } = await setUp(120, { pageSize: 10 });
    const a = worker(10);
    const b = worker(10);
    const [ta, tb] = await runUntilDone([a, b], runId);
    assert.equal((await runSnapshot(runId))?.state, 'completed');
    // Both really worked on the run, and each found pages the other had claimed.
    assert.ok(ta!.pages > 0 && tb!.pages > 0, `pages: ${ta!.pages} and ${tb!.pages}`);
    assert.ok(ta!.skipped + tb!.skipped > 0, 'the workers never met on a page');
    const got = ofDomain(domain);
    assert.equal(got.length, 120);
    assert.equal(new Set(got.map((m) => m.messageId)).size, 120, 'duplicate Message-ID in the sink');
    assert.equal(new Set(got.map((m) => m.to[0])).size, 120);
  });

  it('when failures come in a row past the threshold, then the run pauses, the officers get a mail, and a resume finishes the run', async () => {
    const officer = await makeUser('privacy_officer', { language: 'en' });
    const { domain, runId, approver } = await setUp(30, { settings: { failureThreshold: 4 } });
    sink.reject({ recipient: new RegExp(`@${domain.replace(/\./g, '\\.')}$`), code: 451 });
    const w = worker();
    const s = await w.runOnce();
    assert.equal(s.paused, 1);
    const snap = await runSnapshot(runId);
    assert.equal(snap?.state, 'paused');
    assert.equal(snap?.pauseReason, 'circuit');
    assert.equal(ofDomain(domain).length, 0);
    // The pause is audited and the privacy officers are mailed (through the outbox), in their language.
    assert.ok(await AuditEntry.exists({ action: 'notice.run.paused', 'object.id': runId }));
    const mails = await OutboxMessage.find({
      template: 'notice-run-paused',
      key: new RegExp(`^notice-run-paused:${runId}:`),
    }).lean();
    assert.ok(mails.some((m) => m.lang === 'en' && m.to.includes(officer.email)));
    // Nothing more is sent while paused.
    clock.advance(10_000);
    await w.runOnce();
    assert.equal(ofDomain(domain).length, 0);

    // The server recovers; a person resumes the run; everything is delivered once.
    sink.reset();
    await resumeRun(
      runId,
      { concurrency: 5, ratePerSecond: 0, failureThreshold: 4 },
      ctxOf(approver, clock.now()),
      testGate,
    );
    await runUntilDone([w], runId);
    assert.equal((await runSnapshot(runId))?.state, 'completed');
    const got = ofDomain(domain);
    assert.equal(got.length, 30);
    assert.equal(new Set(got.map((m) => m.to[0])).size, 30);
  });

  it('when a recipient has no template in their language, then the notice comes in Dutch and English', async () => {
    const reporter = await makeUser('reporter');
    const incident = await makeIncident(reporter, clock.now());
    const domain = testDomain();
    await insertPersons(
      incident._id,
      contacts(2, domain, (i) => (i === 0 ? 'tr' : 'en')),
      reporter.id,
      clock.now(),
    );
    const run = await preparedRun(incident, clock.now(), { texts: completeTexts() });
    runs.push({ runId: run.runId, officer: run.approver });
    await runUntilDone([worker()], run.runId);
    const tr = ofDomain(domain).find((m) => m.to[0] === `r0@${domain}`)!;
    const en = ofDomain(domain).find((m) => m.to[0] === `r1@${domain}`)!;
    assert.match(tr.subject, /^Belangrijk: .* \/ Important: /);
    assert.match(tr.text, /Beste Persoon 0,[\s\S]*Dear Persoon 0,/);
    assert.match(tr.html, /lang="nl"[\s\S]*lang="en"/);
    assert.match(en.subject, /^Important: /);
    assert.doesNotMatch(en.text, /Beste/);
  });
});
