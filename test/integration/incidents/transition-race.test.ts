// Issue 11 item 6: two status changes of one incident at once cannot both succeed. Three processes
// with their own connections, released together by a barrier, each try four changes of the same
// incident from "assessed" (to "closed" and to "ap_notified"): exactly one wins, the others are
// told the status changed, and the timeline holds exactly one change.
import assert from 'node:assert/strict';
import { startTestDatabase } from '../../helpers/db.js';
import { makeIncident } from '../../helpers/duty-fixtures.js';
import { startRacers } from '../../helpers/race.js';
import { Incident } from '../../../models/incident.model.js';
import { IncidentEvent } from '../../../models/incident-event.model.js';
import { IncidentTransition } from '../../../models/incident-transition.model.js';

describe('incident status changes under a real race', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when twelve changes of one incident start at once in three processes, then exactly one wins and one change is recorded', async () => {
    const incident = await makeIncident({ status: 'assessed' });
    const id = String(incident._id);
    const racers = await startRacers<{ outcomes: string[]; lost: number }>(
      'test/helpers/transition-racer.ts',
      3,
      (i) => [uri, id, incident.reference, 'assessed', i === 1 ? 'ap_notified' : 'closed', '4'],
    );
    const results = await racers.go();
    const outcomes = results.flatMap((r) => r.outcomes);
    const lost = results.reduce((n, r) => n + r.lost, 0);
    console.log(
      `      concurrent changes: ${outcomes.length}; won: ${outcomes.filter((o) => o === 'changed').length}; lost the race for the position: ${lost}`,
    );
    assert.deepEqual(
      outcomes.filter((o) => o !== 'changed' && o !== 'STATUS_CHANGED'),
      [],
    );
    assert.equal(outcomes.filter((o) => o === 'changed').length, 1, outcomes.join(','));
    assert.ok(lost >= 1, 'the changes really raced for the same position');
    const events = await IncidentEvent.find({ incidentId: incident._id, kind: 'status-changed' }).lean();
    assert.equal(events.length, 1);
    const stored = await Incident.findById(incident._id).lean();
    assert.equal(stored?.status, (events[0]!.data as { to: string }).to);
    assert.equal(stored?.statusSeq, 1);
    assert.equal(await IncidentTransition.countDocuments({ incidentId: incident._id }), 1);
  });
});
