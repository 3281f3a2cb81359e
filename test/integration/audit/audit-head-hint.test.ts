// Issue 10: a process's first audit entry finds the chain's head through a hint read by `_id`
// (the entry it names, checked for its position and hash) instead of reading the whole trail, which
// on the embedded database took seconds at 10,000 incidents. A hint that is behind, or names an
// entry that is not as written, must never fork the chain.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { assertLinear } from '../../helpers/audit-chain.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import {
  auditStats,
  forgetAuditHeads,
  recordAudit,
  verifyAuditChain,
} from '../../../server/audit/audit.service.js';

const entry = (ref: string) =>
  recordAudit(
    {
      actor: { kind: 'system', label: 'test' },
      origin: { via: 'worker' },
      action: 'test.hint',
      object: { type: 'test', ref },
    },
    new Date(),
  );

const hints = () =>
  mongoose.connection.collection<{ _id: string; entryId: unknown; seq: number; hash: string }>('audit_head');

async function assertChainIntact(): Promise<void> {
  const entries = await AuditEntry.find({}).sort({ seq: 1 }).lean();
  assertLinear(entries);
  assert.equal((await verifyAuditChain()).ok, true);
}

describe('audit: the head hint of a new process', function () {
  this.timeout(60_000);
  before(async () => {
    await startTestDatabase();
    for (let i = 0; i < 5; i++) await entry(`before-${i}`);
  });

  it('when a new process appends, then it finds the head through the hint, without reading the trail', async () => {
    const last = await AuditEntry.findOne({}).sort({ seq: -1 }).lean();
    const hint = await hints().findOne({ _id: 'head' });
    assert.equal(hint?.seq, last!.seq, 'the hint names the newest entry');
    forgetAuditHeads();
    const reads = auditStats.headReads;
    const { seq } = await entry('new-process');
    assert.equal(auditStats.headReads, reads, 'the trail was not read');
    assert.equal(seq, last!.seq + 1);
    await assertChainIntact();
  });

  it('when the hint is behind (another writer appended after it), then the entry still takes the next free position, linked to the real head', async () => {
    const entries = await AuditEntry.find({}).sort({ seq: 1 }).lean();
    const old = entries[entries.length - 3]!;
    await hints().updateOne({ _id: 'head' }, { $set: { entryId: old._id, seq: old.seq, hash: old.hash } });
    forgetAuditHeads();
    const collisions = auditStats.collisions;
    const reads = auditStats.headReads;
    const { seq } = await entry('behind');
    assert.equal(seq, entries[entries.length - 1]!.seq + 1);
    assert.ok(auditStats.collisions > collisions, 'the hinted position was found taken');
    assert.equal(auditStats.headReads, reads + 1, 'then the trail was read');
    await assertChainIntact();
    assert.equal((await hints().findOne({ _id: 'head' }))?.seq, seq, 'the hint moved on');
  });

  it('when the hint names an entry with another hash, then it is not trusted and the trail is read', async () => {
    await hints().updateOne({ _id: 'head' }, { $set: { hash: 'f'.repeat(64) } });
    forgetAuditHeads();
    const reads = auditStats.headReads;
    const before = await AuditEntry.countDocuments();
    const { seq } = await entry('wrong-hash');
    assert.equal(auditStats.headReads, reads + 1);
    assert.equal(seq, before + 1);
    await assertChainIntact();
  });
});
