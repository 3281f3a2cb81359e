// `npm run demo`: three sample incidents, marked as demo data, created once.
import assert from 'node:assert/strict';
import { buildTestApp } from '../../helpers/app.js';
import { makeUser } from '../../helpers/factories.js';
import { Incident } from '../../../models/incident.model.js';
import { seedDemoIncidents } from '../../../server/incidents/incidents.demo.js';

describe('demo: sample incidents', function () {
  this.timeout(60_000);

  it('when the demo seeder runs twice, then three [DEMO] incidents exist in different stages, created once', async () => {
    const t = await buildTestApp({}, '2026-06-15T10:00:00Z');
    const reporter = await makeUser('reporter');
    const officer = await makeUser('privacy_officer');
    const users = { reporter: reporter.id, privacy_officer: officer.id };
    await seedDemoIncidents(t.deps, users);
    await seedDemoIncidents(t.deps, users);
    const incidents = await Incident.find({ reporterId: reporter.id })
      .sort({ reportedInternallyAt: 1 })
      .lean();
    assert.equal(incidents.length, 3);
    for (const i of incidents) assert.match(i.summary, /^\[DEMO\]/);
    assert.deepEqual(incidents.map((i) => i.status).sort(), ['closed', 'submitted', 'triage']);
    const laptop = incidents.find((i) => i.status === 'triage');
    assert.equal(laptop?.handlerId, officer.id);
    assert.ok(laptop?.awarenessAt);
    const closed = incidents.find((i) => i.status === 'closed');
    assert.ok(closed?.notABreachReason && closed.lessonsLearned);
  });
});
