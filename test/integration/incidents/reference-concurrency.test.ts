// Issue 3 "must hold": 1,000 concurrent report submissions get 1,000 distinct, gap-free reference
// numbers (taken by inserting under a unique key, architecture.md §4); the same through HTTP.
import assert from 'node:assert/strict';
import { buildTestApp } from '../../helpers/app.js';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { csrfToken, signIn } from '../../helpers/http.js';
import { fileReport, reportForm } from '../../helpers/incidents.js';
import { Incident } from '../../../models/incident.model.js';
import { IncidentEvent } from '../../../models/incident-event.model.js';
import { Sequence } from '../../../models/sequence.model.js';
import { nextSequence } from '../../../server/db/unique-insert.js';
import { referenceScope } from '../../../server/incidents/incident-reference.js';
import { run } from '../../helpers/cli.js';

function assertGapFree(references: string[], year: number, count: number) {
  assert.equal(references.length, count);
  assert.equal(new Set(references).size, count, 'every reference is distinct');
  const seqs = references.map((r) => {
    const m = new RegExp(`^DL-${year}-(\\d{4,})$`).exec(r);
    assert.ok(m, r);
    return Number(m[1]);
  });
  seqs.sort((a, b) => a - b);
  assert.deepEqual(seqs, Array.from({ length: count }, (_, i) => i + 1), 'numbers 1…n, no gaps');
}

describe('incidents: reference numbers under concurrency', function () {
  this.timeout(600_000);
  before(() => startTestDatabase());

  it('when 1,000 reports are submitted at once through the service, then they get DL-YEAR-0001 … 1000 without gaps or duplicates', async () => {
    // A year no other test uses, so the whole scope is ours.
    const now = new Date('2047-03-01T10:00:00Z');
    const reporters = await Promise.all(Array.from({ length: 10 }, () => makeUser('reporter')));
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => fileReport(reporters[i % 10]!, now, { summary: `Gelijktijdige melding ${i}` })));
    assertGapFree(results.map((r) => r.reference), 2047, 1000);
    const stored = await Incident.find({ year: 2047 }).select({ reference: 1, seq: 1, summary: 1 }).lean();
    assertGapFree(stored.map((s) => s.reference), 2047, 1000);
    for (const s of stored) assert.equal(s.reference, `DL-2047-${String(s.seq).padStart(4, '0')}`);
    // Numbers are taken by the incidents' own inserts: no separate counter can run ahead of them.
    assert.equal(await Sequence.countDocuments({ scope: 'incident:2047' }), 0);
    assert.equal(await IncidentEvent.countDocuments({ incidentId: { $in: stored.map((s) => s._id) }, kind: 'submitted' }), 1000);
  });

  it('when three processes take numbers of one scope at once (with stale knowledge of the highest), then none is skipped or taken twice', async () => {
    const { uri } = await startTestDatabase();
    const scope = referenceScope(2049);
    const first = await Promise.all(Array.from({ length: 20 }, () => nextSequence(Sequence, scope)));
    const taker = 'test/helpers/sequence-taker.ts';
    const [a, b, mine] = await Promise.all([
      run(process.execPath, ['--import', 'tsx', taker, uri, scope, '120']),
      run(process.execPath, ['--import', 'tsx', taker, uri, scope, '120']),
      (async () => {
        // Let the others get ahead first, so this process's cached highest number is stale.
        await new Promise((r) => setTimeout(r, 1500));
        return Promise.all(Array.from({ length: 100 }, () => nextSequence(Sequence, scope)));
      })(),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const all = [...first, ...(JSON.parse(a.stdout) as number[]), ...(JSON.parse(b.stdout) as number[]), ...mine].sort((x, y) => x - y);
    assert.deepEqual(all, Array.from({ length: 360 }, (_, i) => i + 1));
    assert.equal(await Sequence.countDocuments({ scope }), 360);
  });

  it('when 40 reports are posted at once over HTTP, then the 40 references are distinct and gap-free', async () => {
    const t = await buildTestApp({}, '2048-06-01T10:00:00Z');
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => agent.post('/reports').type('form').send({ _csrf: token, ...reportForm({ summary: `HTTP melding ${i}` }) })),
    );
    for (const r of responses) assert.equal(r.status, 303, r.text.slice(0, 200));
    const stored = await Incident.find({ year: 2048 }).select({ reference: 1 }).lean();
    assertGapFree(stored.map((s) => s.reference), 2048, 40);
  });
});
