// Reading duties from the database: one incident, many incidents (register), and every open duty
// across incidents (dashboard, reminders, calendar).
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { fulfil, makeAssessment, makeIncident } from '../../helpers/duty-fixtures.js';
import { incidentDuties, openDuties } from '../../../server/duties/duties.service.js';
import { dutiesViewByIncident, incidentDutiesView } from '../../../server/duties/duties.view-model.js';

const H = 3_600_000;
const NOW = new Date('2026-10-25T00:15:00Z');

describe('duties service', function () {
  this.timeout(30_000);
  before(() => startTestDatabase());

  it('when an incident has two versions, then its duties follow the latest and fulfilments', async () => {
    const incident = await makeIncident({ status: 'assessed' });
    await makeAssessment(incident._id, {
      version: 1,
      awarenessAt: new Date(NOW.getTime() - 10 * H),
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date(NOW.getTime() + 62 * H) },
    });
    await makeAssessment(incident._id, {
      version: 2,
      awarenessAt: new Date(NOW.getTime() - 10 * H),
      duties: { notifyAuthority: true, informSubjects: true, notifyMinistry: true },
      deadlines: {
        authority: new Date(NOW.getTime() + 62 * H),
        ministry: new Date(NOW.getTime() - 1 * H),
        subjects: new Date(NOW.getTime() + 70 * H),
      },
    });
    await fulfil(incident._id, 'ministry', new Date(NOW.getTime() - 0.5 * H), {
      late: true,
      delayReason: 'Contactpersoon onbereikbaar.',
    });
    const duties = await incidentDuties(String(incident._id), NOW);
    assert.deepEqual(
      duties.map((d) => `${d.duty}:${d.status}:v${d.version}`),
      ['authority:open:v2', 'ministry:fulfilled:v2', 'subjects:open:v2'],
    );
    assert.equal(duties[0]!.reference, incident.reference);

    const view = await incidentDutiesView(String(incident._id), NOW, 'en');
    assert.deepEqual(
      view.rows.map((r) => r.label),
      ['Notification to the AP', 'Notice to the ministry', 'Inform the affected persons'],
    );
    assert.equal(view.rows[0]!.timeLeftText, '62 h left');
    assert.equal(view.rows[0]!.deadlineText, '27 October 2026 15:15 (UTC+01:00)');
    assert.match(view.rows[1]!.doneText, /after the deadline/);
  });

  it('when ids are unknown or malformed, then there are simply no duties', async () => {
    assert.deepEqual(await incidentDuties('nope', NOW), []);
    assert.deepEqual(await incidentDuties(String(new Types.ObjectId()), NOW), []);
    assert.equal((await dutiesViewByIncident(['nope'], NOW, 'nl')).size, 0);
  });

  it('when listing open duties across incidents, then fulfilled duties and closed incidents are left out, most urgent first', async () => {
    const open = await makeIncident({ status: 'ap_notified' });
    await makeAssessment(open._id, {
      duties: { notifyAuthority: true, notifyMinistry: true },
      deadlines: { authority: new Date(NOW.getTime() + 5 * H), ministry: new Date(NOW.getTime() - 5 * H) },
    });
    const closed = await makeIncident({ status: 'closed' });
    await makeAssessment(closed._id, {
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date(NOW.getTime() - 50 * H) },
    });
    const done = await makeIncident({ status: 'assessed' });
    await makeAssessment(done._id, {
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date(NOW.getTime() - 50 * H) },
    });
    await fulfil(done._id, 'authority', new Date(NOW.getTime() - 60 * H));
    const all = await openDuties(NOW);
    const mine = all.filter((d) => [open, closed, done].some((i) => String(i._id) === d.incidentId));
    assert.deepEqual(
      mine.map((d) => `${d.duty}:${d.status}:${d.urgency}`),
      ['ministry:overdue:overdue', 'authority:open:soon'],
    );
    // The whole list is in dashboard order.
    const ranks = all.map((d) => (d.status === 'overdue' ? 0 : 1));
    assert.deepEqual(ranks, [...ranks].sort());

    const byIncident = await dutiesViewByIncident([String(open._id), String(closed._id)], NOW, 'nl');
    assert.deepEqual(
      byIncident.get(String(closed._id))!.rows.map((r) => r.statusLabel),
      ['Vervallen'],
    );
    assert.deepEqual(
      byIncident.get(String(open._id))!.rows.map((r) => r.timeLeftText),
      ['nog 5 uur', '5 uur te laat'],
    );
  });
});
