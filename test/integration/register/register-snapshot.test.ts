// Issue 10 item 3: the register records kept for the exports are also kept on disk, sealed, so that
// a new process starts from the file and the changes written since instead of reading every
// incident again. A process is "new" here when the read models are forgotten (readModels.forgetAll),
// which is what a restart leaves behind; the file is then all there is.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { fileReport, storeAssessment } from '../../helpers/incidents.js';
import { Incident } from '../../../models/incident.model.js';
import { IncidentEvent } from '../../../models/incident-event.model.js';
import { readModels } from '../../../server/db/read-models.js';
import { registerCacheStats, registerRecords } from '../../../server/register/register-cache.js';
import { readAllRegisterRecords, type RegisterRecord } from '../../../server/register/register-export.js';
import {
  configureRegisterSnapshot,
  discardSnapshot,
  readSnapshot,
  saveSnapshot,
} from '../../../server/register/register-snapshot.js';
import { runRetentionSweep } from '../../../server/retention/retention.service.js';

const NOW = new Date('2026-05-04T12:00:00Z');
const SECRET = 'a test master secret of at least thirty-two characters';
const FILE = 'register-records.sealed';

async function exported(): Promise<Map<string, RegisterRecord>> {
  const out = new Map<string, RegisterRecord>();
  for await (const r of registerRecords()) out.set(String(r.reference), r);
  return out;
}

async function builtAfresh(): Promise<Map<string, RegisterRecord>> {
  const out = new Map<string, RegisterRecord>();
  for await (const r of readAllRegisterRecords()) out.set(String(r.record.reference), r.record);
  return out;
}

/** What a restarted process has: nothing in memory, the file on disk. */
function restart(): void {
  readModels.forgetAll();
}

describe('register records kept on disk for a new process', function () {
  this.timeout(60_000);
  let dir: string;
  let refs: { id: string; reference: string }[];

  before(async () => {
    await startTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'register-snapshot-'));
    configureRegisterSnapshot({ dir, secret: SECRET });
    const reporter = await makeUser('reporter');
    refs = [];
    for (const summary of ['Eerste: brief naar mevrouw Jansen', 'Tweede: laptop kwijt', 'Derde: mail']) {
      const r = await fileReport(reporter, NOW, { summary });
      refs.push({ id: r.id, reference: r.reference });
    }
    await storeAssessment(refs[0]!.id, 'high', NOW);
  });

  after(() => {
    configureRegisterSnapshot(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the records are built, then they are written to a sealed file only the process user can read', async () => {
    restart();
    discardSnapshot();
    const before = registerCacheStats();
    await exported();
    const stats = registerCacheStats();
    assert.equal(stats.builds, before.builds + 1);
    assert.equal(stats.saved, before.saved + 1);
    const file = join(dir, FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const bytes = readFileSync(file);
    for (const text of ['Jansen', 'Eerste', refs[0]!.reference])
      assert.equal(bytes.includes(Buffer.from(text, 'utf8')), false, `"${text}" is not readable in the file`);
    assert.equal(bytes.includes(Buffer.from(refs[0]!.reference, 'utf16le')), false);
  });

  it('when a new process exports after changes, then it starts from the file, builds the changed incidents again, and exports what the documents say', async () => {
    restart();
    await exported();
    await Incident.updateOne({ _id: refs[1]!.id }, { $set: { summary: 'Tweede: laptop teruggevonden' } });
    await storeAssessment(refs[2]!.id, 'risk', NOW);
    restart();
    const before = registerCacheStats();
    const after = await exported();
    const stats = registerCacheStats();
    assert.equal(stats.restored, before.restored + 1, 'started from the file');
    assert.equal(stats.builds, before.builds, 'no full build');
    assert.equal(stats.refreshed - before.refreshed, 2, 'the two changed incidents were built again');
    assert.equal(after.get(refs[1]!.reference)?.summary, 'Tweede: laptop teruggevonden');
    assert.equal(after.get(refs[2]!.reference)?.riskLevel, 'risk');
    assert.deepEqual(after, await builtAfresh());
    assert.equal(stats.saved, before.saved + 1, 'written again, up to date');
    restart();
    const third = registerCacheStats();
    assert.deepEqual(await exported(), await builtAfresh());
    assert.equal(registerCacheStats().refreshed, third.refreshed, 'nothing left to build again');
    assert.equal(registerCacheStats().restored, third.restored + 1);
  });

  it('when an export follows a change, then the file is written again with the change, so a new process has nothing to build again', async () => {
    restart();
    await exported();
    await Incident.updateOne({ _id: refs[0]!.id }, { $set: { summary: 'Eerste: brief teruggekregen' } });
    const before = registerCacheStats();
    await exported();
    assert.equal(registerCacheStats().refreshed, before.refreshed + 1);
    assert.equal(registerCacheStats().saved, before.saved + 1, 'written again after the refresh');
    restart();
    const next = registerCacheStats();
    const after = await exported();
    assert.equal(registerCacheStats().restored, next.restored + 1);
    assert.equal(registerCacheStats().refreshed, next.refreshed, 'nothing to build again');
    assert.equal(after.get(refs[0]!.reference)?.summary, 'Eerste: brief teruggekregen');
  });

  it('when the file was sealed with another key, then it is not used and the records are built', async () => {
    restart();
    await exported();
    configureRegisterSnapshot({ dir, secret: `${SECRET} but another one` });
    try {
      restart();
      const before = registerCacheStats();
      assert.deepEqual(await exported(), await builtAfresh());
      assert.equal(registerCacheStats().restored, before.restored);
      assert.equal(registerCacheStats().builds, before.builds + 1);
    } finally {
      configureRegisterSnapshot({ dir, secret: SECRET });
    }
  });

  it('when the file names a feed entry this database does not have as written, then it is not used', async () => {
    restart();
    await exported();
    const snap = readSnapshot()!;
    assert.ok(snap, 'a file to alter');
    saveSnapshot({ ...snap.point, positionAt: snap.point.positionAt - 1 }, snap.kept);
    restart();
    const before = registerCacheStats();
    await exported();
    assert.equal(registerCacheStats().restored, before.restored);
    assert.equal(registerCacheStats().builds, before.builds + 1);
  });

  it('when a write may have removed any document, then the file is removed with the records in memory and no deleted incident is written again', async () => {
    restart();
    await exported();
    assert.ok(existsSync(join(dir, FILE)));
    await IncidentEvent.deleteMany({ incidentId: new Types.ObjectId(refs[2]!.id) });
    await Incident.deleteOne({ _id: refs[2]!.id });
    // The next request follows the feed: the file goes before anything is read again.
    await readModels.use({ collections: [], load: () => Promise.resolve(), apply: () => Promise.resolve() });
    assert.equal(existsSync(join(dir, FILE)), false, 'removed as soon as the process learnt of the write');
    const before = registerCacheStats();
    const after = await exported();
    assert.equal(after.has(refs[2]!.reference), false);
    assert.equal(registerCacheStats().builds, before.builds + 1);
    const snap = readSnapshot();
    assert.ok(snap, 'written again after the build');
    assert.equal(snap.kept.has(refs[2]!.id), false, 'the deleted incident is not in the file');
  });

  it('when the retention sweep is about to delete incidents, then it removes the file in the data folder first', async () => {
    restart();
    await exported();
    assert.ok(existsSync(join(dir, FILE)));
    // Closed long ago: past any retention period.
    await Incident.updateOne(
      { _id: refs[1]!.id },
      { $set: { status: 'closed', closedAt: new Date('2001-01-01T00:00:00Z') } },
    );
    const result = await runRetentionSweep({
      now: NOW,
      years: 5,
      actor: { kind: 'system', label: 'test' },
      origin: { via: 'scheduler' },
      dataDir: dir,
    });
    assert.ok(
      result.deleted.some((d) => d.reference === refs[1]!.reference),
      'the sweep deleted the incident',
    );
    assert.equal(existsSync(join(dir, FILE)), false);
  });
});
