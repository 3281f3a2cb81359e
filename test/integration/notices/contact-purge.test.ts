// Issue 7 item 7: affected persons' contact data are purged a configurable time after the incident
// is closed; the counts are kept (purge record, page states), the purge is audit-logged, and a
// recently closed incident is left alone.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import {
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  testDomain,
} from '../../helpers/notices.js';
import { purgeContactData } from '../../../server/notices/contact-purge.js';
import { cancelRun } from '../../../server/notices/notice-run-control.service.js';
import { noticeRegisterSummary } from '../../../server/notices/notice-register.js';
import { enqueueRun } from '../../../notifications/notice-run/enqueue.js';
import { testCipher } from '../../helpers/notices.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { NoticePage } from '../../../models/notice-page.model.js';
import { NoticePageHead } from '../../../models/notice-page-head.model.js';
import { NoticePurge } from '../../../models/notice-purge.model.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

const DAY = 86_400_000;

describe('integration: contact-data purge', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when an incident was closed longer ago than the purge period, then its persons and recipient pages are deleted, counts kept, and the purge audited — once', async () => {
    const now = new Date('2026-06-01T03:00:00Z');
    const reporter = await makeUser('reporter');
    const old = await makeIncident(reporter, now, {
      status: 'closed',
      closedAt: new Date(now.getTime() - 91 * DAY),
    });
    const recent = await makeIncident(reporter, now, {
      status: 'closed',
      closedAt: new Date(now.getTime() - 10 * DAY),
    });
    const domain = testDomain();
    await insertPersons(
      old._id,
      contacts(5, domain, (i) => (i < 3 ? 'nl' : 'en')),
      reporter.id,
      now,
    );
    await insertPersons(recent._id, contacts(2, testDomain()), reporter.id, now);
    // A run whose recipients were written to pages (the pages hold sealed names and addresses).
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
    const runId = new Types.ObjectId(run.runId);
    assert.equal(await NoticePage.countDocuments({ runId }), 3);

    const first = await purgeContactData(now, 90);
    assert.ok(first.incidents >= 1);
    assert.equal(await AffectedPerson.countDocuments({ incidentId: old._id }), 0);
    assert.equal(await NoticePage.countDocuments({ runId }), 0);
    assert.equal(
      await AffectedPerson.countDocuments({ incidentId: recent._id }),
      2,
      'closed 10 days ago: kept',
    );
    const record = await NoticePurge.findById(old._id).lean();
    assert.deepEqual(
      {
        persons: record?.persons,
        email: record?.email,
        pages: record?.pages,
        languages: [...(record?.languages ?? [])].sort(),
      },
      { persons: 5, email: 5, pages: 3, languages: ['en:2', 'nl:3'] },
    );
    // The page states (statuses, counts) stay for the register; they hold no contact data.
    assert.equal(await NoticePageHead.countDocuments({ runId }), 3);
    const summary = await noticeRegisterSummary(old._id);
    assert.equal(summary.purge?.persons, 5);
    assert.equal(summary.runs[0]?.recipients, 5);
    const audit = await AuditEntry.find({
      action: 'notice.contacts.purge',
      'object.id': String(old._id),
    }).lean();
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.details as { persons: number }).persons, 5);

    // Running the sweep again changes nothing and logs nothing new.
    await purgeContactData(new Date(now.getTime() + DAY), 90);
    assert.equal(
      await AuditEntry.countDocuments({ action: 'notice.contacts.purge', 'object.id': String(old._id) }),
      1,
    );
    assert.equal(await AffectedPerson.countDocuments({ incidentId: recent._id }), 2);
  });
});
