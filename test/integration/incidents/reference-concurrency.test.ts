// Issue 3 "must hold": 1,000 concurrent report submissions — from separate processes, released
// together by a barrier — get 1,000 distinct, gap-free reference numbers (taken by inserting under a
// unique key, architecture.md §4); the same through HTTP.
import assert from 'node:assert/strict';
import { buildTestApp } from '../../helpers/app.js';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { csrfToken, signIn } from '../../helpers/http.js';
import { fileReport, reportForm } from '../../helpers/incidents.js';
import { Incident } from '../../../models/incident.model.js';
import { IncidentEvent } from '../../../models/incident-event.model.js';
import { Sequence } from '../../../models/sequence.model.js';
import { numberStats } from '../../../models/db/unique-insert.js';
import { startRacers } from '../../helpers/race.js';

function assertGapFree(references: string[], year: number, count: number) {
  assert.equal(references.length, count);
  assert.equal(new Set(references).size, count, 'every reference is distinct');
  const seqs = references.map((r) => {
    const m = new RegExp(`^DL-${year}-(\\d{4,})$`).exec(r);
    assert.ok(m, r);
    return Number(m[1]);
  });
  seqs.sort((a, b) => a - b);
  assert.deepEqual(
    seqs,
    Array.from({ length: count }, (_, i) => i + 1),
    'numbers 1…n, no gaps',
  );
}

describe('incidents: reference numbers under concurrency', function () {
  this.timeout(600_000);
  before(() => startTestDatabase());

  it('when 1,000 reports are submitted at once from four processes (own connections, released by a barrier), then they get DL-YEAR-0001 … 1000 without gaps or duplicates', async () => {
    // A year no other test uses, so the whole scope is ours.
    const { uri } = await startTestDatabase();
    const iso = '2047-03-01T10:00:00Z';
    const reporters = await Promise.all(Array.from({ length: 4 }, () => makeUser('reporter')));
    const user = (i: number) => {
      const r = reporters[i]!;
      return JSON.stringify({ id: r.id, email: r.email, name: r.name, role: 'reporter', language: 'nl' });
    };
    // Each process files 250 at once; within a process numbers are taken one after the other, so
    // the contention is between the processes, at the unique index.
    const racers = await startRacers<{ refs: string[]; collisions: number }>(
      'test/helpers/report-racer.ts',
      4,
      (i) => [uri, user(i), iso, '250'],
    );
    const children = await racers.go();
    const collisions = children.reduce((n, c) => n + c.collisions, 0);
    console.log(
      `      processes: 4 (released together); reports: 1000; number collisions resolved: ${collisions} (${children.map((c) => c.collisions).join(' + ')})`,
    );
    assert.ok(collisions > 0, 'the processes really contended for numbers');
    assertGapFree(
      children.flatMap((c) => c.refs),
      2047,
      1000,
    );
    const stored = await Incident.find({ year: 2047 }).select({ reference: 1, seq: 1, summary: 1 }).lean();
    assertGapFree(
      stored.map((s) => s.reference),
      2047,
      1000,
    );
    for (const s of stored) assert.equal(s.reference, `DL-2047-${String(s.seq).padStart(4, '0')}`);
    // Numbers are taken by the incidents' own inserts: no separate counter can run ahead of them.
    assert.equal(await Sequence.countDocuments({ scope: 'incident:2047' }), 0);
    assert.equal(
      await IncidentEvent.countDocuments({
        incidentId: { $in: stored.map((s) => s._id) },
        kind: 'submitted',
      }),
      1000,
    );
  });

  it('when three processes file reports at once (own connections, released by a barrier, one with stale knowledge), then no number is skipped or taken twice', async () => {
    const { uri } = await startTestDatabase();
    const iso = '2049-05-01T10:00:00Z';
    const reporter = await makeUser('reporter');
    // This process files first, so what it knows of the highest number is stale once the others run.
    const first = await Promise.all(Array.from({ length: 10 }, () => fileReport(reporter, new Date(iso))));
    const user = {
      id: reporter.id,
      email: reporter.email,
      name: reporter.name,
      role: 'reporter',
      language: 'nl',
    };
    const racers = await startRacers<{ refs: string[]; collisions: number }>(
      'test/helpers/report-racer.ts',
      3,
      () => [uri, JSON.stringify(user), iso, '30'],
    );
    const before = numberStats.collisions;
    const [children, mine] = await Promise.all([
      racers.go(),
      Promise.all(Array.from({ length: 20 }, () => fileReport(reporter, new Date(iso)))),
    ]);
    const collisions = children.reduce((n, c) => n + c.collisions, 0) + numberStats.collisions - before;
    console.log(
      `      processes: 4 (3 released together); reports: 120; number collisions resolved: ${collisions}`,
    );
    assert.ok(collisions > 0, 'the processes really contended for numbers');
    const all = [...first, ...mine].map((r) => r.reference).concat(children.flatMap((c) => c.refs));
    assertGapFree(all, 2049, 120);
    assertGapFree(
      (await Incident.find({ year: 2049 }, { reference: 1 }).lean()).map((s) => s.reference),
      2049,
      120,
    );
  });

  it('when 40 reports are posted at once over HTTP, then the 40 references are distinct and gap-free', async () => {
    const t = await buildTestApp({}, '2048-06-01T10:00:00Z');
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        agent
          .post('/reports')
          .type('form')
          .send({ _csrf: token, ...reportForm({ summary: `HTTP melding ${i}` }) }),
      ),
    );
    for (const r of responses) assert.equal(r.status, 303, r.text.slice(0, 200));
    const stored = await Incident.find({ year: 2048 }).select({ reference: 1 }).lean();
    assertGapFree(
      stored.map((s) => s.reference),
      2048,
      40,
    );
  });
});
