// Issue 7 "must hold": an unapproved run cannot be started; approval needs a second privacy
// officer; an approved run cannot be sent with a modified template (a new version, or the pinned
// document altered in the database) or modified texts — the approval is voided instead.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import {
  completeTexts,
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  TEST_CONTACT_KEY,
  testDomain,
  testGate,
  testLangCode,
  twoOfficers,
} from '../../helpers/notices.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeMailChannel } from '../../helpers/fake-mail-channel.js';
import { createNoticeRunWorker } from '../../../notifications/notice-run/notice-run-job.js';
import { ConflictError, ValidationError } from '../../../server/errors.js';
import { createRun, saveRunTexts } from '../../../server/notices/notice-runs.service.js';
import {
  approveRun,
  cancelRun,
  checkRunTexts,
  startRun,
} from '../../../server/notices/notice-run-control.service.js';
import {
  addTemplateLanguage,
  latestTemplates,
  saveTemplateVersion,
} from '../../../server/notices/notice-templates.service.js';
import { runSnapshot } from '../../../server/notices/run-events.js';
import { NoticeRunEvent } from '../../../models/notice-run-event.model.js';
import { NoticeTemplate } from '../../../models/notice-template.model.js';
import { NoticeRun } from '../../../models/notice-run.model.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

const SETTINGS = { concurrency: 2, ratePerSecond: 0, failureThreshold: 0 };

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof ConflictError && err.code === code);
}

describe('integration: approval of notice runs', function () {
  this.timeout(60_000);
  const clock = new FakeClock('2026-03-02T09:00:00Z');
  const mail = new FakeMailChannel();
  let deps: Parameters<typeof createNoticeRunWorker>[0];
  const started: { runId: string; by: Parameters<typeof ctxOf>[0] }[] = [];

  before(async () => {
    await startTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'meldpunt-approval-')),
      ATTACHMENT_KEY: TEST_CONTACT_KEY,
    });
    deps = { config, logger: createLogger('silent'), clock, mail };
  });

  after(async () => {
    for (const r of started) {
      const s = await runSnapshot(r.runId);
      if (s && !['completed', 'cancelled'].includes(s.state))
        await cancelRun(r.runId, ctxOf(r.by, clock.now()));
    }
  });

  async function draftRun(n = 3, extraTexts = completeTexts()) {
    const { author, approver } = await twoOfficers();
    const incident = await makeIncident(author, clock.now());
    const domain = testDomain();
    await insertPersons(incident._id, contacts(n, domain), author.id, clock.now());
    const run = await createRun(String(incident._id), ctxOf(author, clock.now()));
    const runId = String(run._id);
    await saveRunTexts(runId, extraTexts, ctxOf(author, clock.now()));
    started.push({ runId, by: approver });
    return { runId, author, approver, domain };
  }

  const sentTo = (domain: string) => mail.sent.filter((m) => m.to[0]!.endsWith(`@${domain}`)).length;

  it('when nobody approved the run, then it cannot be started; when its author approves it, then that is refused and audited', async () => {
    const { runId, author, approver } = await draftRun();
    await rejects(startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate), 'NOTICE_NOT_APPROVED');
    await rejects(approveRun(runId, ctxOf(author, clock.now()), testGate), 'NOTICE_FOUR_EYES');
    assert.ok(
      await AuditEntry.exists({ action: 'notice.run.approve', 'object.id': runId, result: 'denied' }),
    );
    assert.equal((await runSnapshot(runId))?.state, 'draft');
    // An officer who edited the texts is an author too.
    const edited = completeTexts();
    edited[1]!.measures = 'EN: measures, reworded by the second officer';
    await saveRunTexts(runId, edited, ctxOf(approver, clock.now()));
    await rejects(approveRun(runId, ctxOf(approver, clock.now()), testGate), 'NOTICE_FOUR_EYES');
    const third = await makeUser('privacy_officer');
    const s = await approveRun(runId, ctxOf(third, clock.now()), testGate);
    assert.equal(s.state, 'approved');
    assert.deepEqual(
      s.approval?.pins.templates.map((p) => p.lang),
      ['en', 'nl'],
    );
  });

  it('when the officer who wrote a pinned template version tries to approve, then that is refused as four-eyes too (issue 11 item 9)', async () => {
    const templateAuthor = await makeUser('privacy_officer');
    const nl = (await latestTemplates(clock.now())).get('nl')!;
    await saveTemplateVersion(
      'nl',
      { subject: nl.subject, body: `${nl.body}\nMet vriendelijke groet, ${Date.now()}\n` },
      ctxOf(templateAuthor, clock.now()),
    );
    const { runId, approver } = await draftRun();
    await rejects(approveRun(runId, ctxOf(templateAuthor, clock.now()), testGate), 'NOTICE_FOUR_EYES');
    assert.ok(
      await AuditEntry.exists({
        action: 'notice.run.approve',
        'object.id': runId,
        result: 'denied',
        'details.reason': 'own-template',
      }),
    );
    assert.equal((await runSnapshot(runId))?.state, 'draft');
    const s = await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    assert.equal(s.state, 'approved');
  });

  it('when a template gets a new version after approval, then the run cannot start and its approval is voided', async () => {
    const { runId, approver } = await draftRun();
    await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    const admin = await makeUser('admin');
    const en = (await latestTemplates(clock.now())).get('en')!;
    await saveTemplateVersion(
      'en',
      { subject: en.subject, body: `${en.body}\nP.S. ${Date.now()}\n` },
      ctxOf(admin, clock.now()),
    );
    await rejects(startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate), 'NOTICE_APPROVAL_VOID');
    const s = await runSnapshot(runId);
    assert.equal(s?.state, 'draft');
    assert.equal(s?.voidReason, 'template-changed');
    assert.ok(await AuditEntry.exists({ action: 'notice.run.approval-voided', 'object.id': runId }));
  });

  it('when a person named in the approved texts is added to the list afterwards, then the start voids the approval; approved again with that flag confirmed, it starts', async () => {
    const texts = completeTexts();
    texts[0]!.whatHappened = 'NL: de brief aan Jan de Vries ging naar een verkeerd adres';
    const { runId, approver } = await draftRun(2, texts);
    const clean = await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    assert.equal(clean.approval?.pins.personalData, '', 'nothing flagged at approval');
    const run = (await runSnapshot(runId))!;
    assert.equal(run.state, 'approved');
    const incidentId = (await NoticeRun.findById(runId).lean())!.incidentId;
    await insertPersons(
      incidentId,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Jan de Vries',
            email: `jan@${testDomain()}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      approver.id,
      clock.now(),
    );
    await rejects(startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate), 'NOTICE_APPROVAL_VOID');
    const voided = await runSnapshot(runId);
    assert.equal(voided?.state, 'draft');
    assert.equal(voided?.voidReason, 'personal-data-changed');
    await assert.rejects(
      approveRun(runId, ctxOf(approver, clock.now()), testGate),
      (err: unknown) =>
        err instanceof ValidationError && err.fields?.confirmPersonalData === 'privacy.confirmRequired',
    );
    const check = await checkRunTexts(incidentId, texts, testGate, clock.now());
    assert.equal(check.count, 1);
    await approveRun(runId, ctxOf(approver, clock.now()), testGate, {
      confirmed: true,
      fingerprint: check.fingerprint,
    });
    assert.equal((await startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate)).state, 'sending');
  });

  it('when a template changes while the run is sending, then the worker sends nothing more and voids the approval', async () => {
    const { runId, approver, domain } = await draftRun(5);
    await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    await startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate);
    const admin = await makeUser('admin');
    const nl = (await latestTemplates(clock.now())).get('nl')!;
    await saveTemplateVersion(
      'nl',
      { subject: nl.subject, body: `${nl.body}\nP.S. ${Date.now()}\n` },
      ctxOf(admin, clock.now()),
    );
    const worker = createNoticeRunWorker(deps, mail, { pageSize: 10 });
    await worker.runOnce();
    assert.equal(sentTo(domain), 0);
    const s = await runSnapshot(runId);
    assert.equal(s?.state, 'draft');
    assert.equal(s?.voidReason, 'template-changed');
    const voided = await NoticeRunEvent.find({ type: 'approval_voided', reason: 'template-changed' }).lean();
    assert.ok(
      voided.some((e) => String(e.runId) === runId && e.byId.startsWith('worker:')),
      'voided by the worker',
    );
    // A new approval pins the new version, and then the run is sent.
    await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    await startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate);
    await worker.runOnce();
    assert.equal(sentTo(domain), 5);
    assert.equal((await runSnapshot(runId))?.state, 'completed');
  });

  it('when the pinned template document is altered in the database, then the worker refuses to send it', async () => {
    const admin = await makeUser('admin');
    const lang = testLangCode();
    await addTemplateLanguage(lang, 'Test', ctxOf(admin, clock.now()));
    const texts = completeTexts([
      { lang, whatHappened: 'a', dataConcerned: 'b', consequences: 'c', measures: 'd', advice: 'e' },
    ]);
    const { runId, approver, domain } = await draftRun(3, texts);
    const s0 = await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    const pinned = s0.approval!.pins.templates.find((p) => p.lang === lang)!;
    await startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate);
    // Tampering outside the application: same version number, different text.
    await NoticeTemplate.updateOne(
      { _id: pinned.id },
      { $set: { body: 'Gewijzigd zonder nieuwe versie {{recipient.name}}' } },
    );
    await createNoticeRunWorker(deps, mail, { pageSize: 10 }).runOnce();
    assert.equal(sentTo(domain), 0);
    assert.equal((await runSnapshot(runId))?.voidReason, 'template-changed');
  });

  it('when the texts are edited after approval, then the approval is voided at once', async () => {
    const { runId, approver, author } = await draftRun();
    await approveRun(runId, ctxOf(approver, clock.now()), testGate);
    const changed = completeTexts();
    changed[0]!.advice = 'Nieuw advies';
    await saveRunTexts(runId, changed, ctxOf(author, clock.now()));
    const s = await runSnapshot(runId);
    assert.equal(s?.state, 'draft');
    assert.equal(s?.voidReason, 'texts-changed');
    await rejects(startRun(runId, SETTINGS, ctxOf(approver, clock.now()), testGate), 'NOTICE_NOT_APPROVED');
  });
});
