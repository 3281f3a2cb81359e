// Issue 3 item 6: the audit trail is a hash chain that concurrent writers — in one process and in
// several — never fork, and `audit:verify` names the entry that was deleted or edited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestDatabase } from '../../helpers/db.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import { auditStats, recordAudit, verifyAuditChain } from '../../../server/audit/audit.service.js';
import { startRacers } from '../../helpers/race.js';
import { makeAuditVerifyCommand } from '../../../server/cli/audit-verify.command.js';
import { memoryIo, run } from '../../helpers/cli.js';
import { assertLinear } from '../../helpers/audit-chain.js';

const verify = makeAuditVerifyCommand((fn) => fn({}));

describe('audit: the hash chain', function () {
  this.timeout(180_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when 200 entries are recorded concurrently, then they take 200 consecutive positions in one unforked chain', async () => {
    const tag = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        recordAudit(
          {
            actor: { kind: 'system', label: 'test' },
            origin: { via: 'worker' },
            action: 'test.concurrent',
            object: { type: 'test', ref: `${tag}-${i}` },
          },
          new Date(),
        ),
      ),
    );
    const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
    assert.equal(new Set(seqs).size, 200);
    assert.equal(seqs.at(-1)! - seqs[0]! + 1, 200, 'no gaps among them');
    const first = seqs[0]!;
    assertLinear(
      await AuditEntry.find({ seq: { $gte: first - 1 } })
        .sort({ seq: 1 })
        .lean(),
    );
    const v = await verifyAuditChain();
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('when three processes write 200 entries at once (own connections, released by a barrier), then the chain still has one entry per position and verifies', async () => {
    const before = (await AuditEntry.findOne({}).sort({ seq: -1 }).lean())?.seq ?? 0;
    const tag = randomUUID().slice(0, 8);
    const racers = await startRacers<{ collisions: number }>('test/helpers/audit-writer.ts', 2, (i) => [
      uri,
      '70',
      `${tag}-${i === 0 ? 'a' : 'b'}`,
    ]);
    const collisionsBefore = auditStats.collisions;
    const [children] = await Promise.all([
      racers.go(),
      Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          recordAudit(
            {
              actor: { kind: 'system', label: `${tag}-c` },
              origin: { via: 'worker' },
              action: 'test.concurrent',
              object: { type: 'test', ref: `${tag}-c-${i}` },
            },
            new Date(),
          ),
        ),
      ),
    ]);
    const collisions =
      children.reduce((n, c) => n + c.collisions, 0) + auditStats.collisions - collisionsBefore;
    assert.ok(collisions > 0, 'the writers really contended for positions');
    const expected = { a: 70, b: 70, c: 60 };
    for (const [p, n] of Object.entries(expected))
      assert.equal(await AuditEntry.countDocuments({ 'actor.label': `${tag}-${p}` }), n, p);
    const entries = await AuditEntry.find({ seq: { $gte: before } })
      .sort({ seq: 1 })
      .lean();
    assertLinear(entries);
    const v = await verifyAuditChain();
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('when one entry is deleted, then audit:verify exits 1 naming its position; restored, it exits 0', async () => {
    await recordAudit(
      {
        actor: { kind: 'system', label: 'test' },
        origin: { via: 'cli' },
        action: 'test.victim',
        object: { type: 'test' },
      },
      new Date(),
    );
    await recordAudit(
      {
        actor: { kind: 'system', label: 'test' },
        origin: { via: 'cli' },
        action: 'test.after',
        object: { type: 'test' },
      },
      new Date(),
    );
    const victim = await AuditEntry.findOne({ action: 'test.victim' }).sort({ seq: -1 }).lean();
    assert.ok(victim);
    await AuditEntry.deleteOne({ _id: victim._id });
    try {
      const io = memoryIo();
      assert.equal(await verify.run([], io), 1);
      assert.match(io.err, new RegExp(`BROKEN at entry #${victim.seq}: it is missing`));
      const cli = await run(process.execPath, ['bin/meldpunt.js', 'audit:verify'], {
        MONGODB_URI: uri,
        LOG_LEVEL: 'silent',
      });
      assert.equal(cli.code, 1, cli.stderr);
      assert.match(cli.stderr, new RegExp(`entry #${victim.seq}`));
    } finally {
      await AuditEntry.collection.insertOne(victim);
    }
    const io = memoryIo();
    assert.equal(await verify.run([], io), 0, io.err);
    assert.match(
      io.out,
      /^Audit trail intact: \d+ entries; head #\d+ [0-9a-f]{64}\n(The head anchored outside the database \(#\d+\) is present and unchanged\.\n)?$/,
    );
  });

  it('when one entry is edited (its action, its details or its hash), then audit:verify names it', async () => {
    const { seq } = await recordAudit(
      {
        actor: { kind: 'user', id: 'u1', label: 'a@example.test', role: 'privacy_officer' },
        origin: { ip: '10.0.0.1', via: 'web' },
        action: 'register.export',
        object: { type: 'register' },
        details: { records: 3 },
      },
      new Date(),
    );
    await recordAudit(
      {
        actor: { kind: 'system', label: 'test' },
        origin: { via: 'cli' },
        action: 'test.after',
        object: { type: 'test' },
      },
      new Date(),
    );
    const original = await AuditEntry.findOne({ seq }).lean();
    const edits: Record<string, unknown>[] = [
      { action: 'register.view' },
      { 'details.records': 0 },
      { 'actor.label': 'someone@else.test' },
      { hash: 'f'.repeat(64) },
    ];
    try {
      for (const edit of edits) {
        await AuditEntry.collection.updateOne({ seq }, { $set: edit });
        const io = memoryIo();
        assert.equal(await verify.run([], io), 1, JSON.stringify(edit));
        assert.match(io.err, new RegExp(`BROKEN at entry #${seq}: it was altered`), JSON.stringify(edit));
        await AuditEntry.collection.replaceOne({ seq }, original!);
      }
    } finally {
      await AuditEntry.collection.replaceOne({ seq }, original!);
    }
    assert.equal((await verifyAuditChain()).ok, true);
  });

  it('when --head names an entry that is gone or changed, then verify fails; bad arguments exit 2', async () => {
    const { seq, hash } = await recordAudit(
      {
        actor: { kind: 'system', label: 'test' },
        origin: { via: 'cli' },
        action: 'test.head',
        object: { type: 'test' },
      },
      new Date(),
    );
    const ok = memoryIo();
    assert.equal(await verify.run(['--head', `${seq}:${hash}`], ok), 0, ok.err);
    const wrong = memoryIo();
    assert.equal(await verify.run(['--head', `${seq}:${'0'.repeat(64)}`], wrong), 1);
    assert.match(wrong.err, new RegExp(`entry #${seq}: it no longer has the recorded hash`));
    const beyond = memoryIo();
    assert.equal(await verify.run(['--head', `${seq + 100_000}:${hash}`], beyond), 1);
    assert.match(beyond.err, /is missing \(the trail was truncated\)/);
    for (const args of [['--head', 'nonsense'], ['--bogus'], ['extra']]) {
      const io = memoryIo();
      assert.equal(await verify.run(args, io), 2, args.join(' '));
      assert.match(io.err, /Usage: meldpunt audit:verify/);
    }
  });
});
