// Issue 11 item 10: tampering with the audit trail is detectable without anyone having kept the
// head. Entries are sealed with a key kept outside the database, the newest head is anchored in
// DATA_DIR, and `audit:verify` refuses a database that holds no Meldpunt trail instead of calling
// it intact.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDatabase } from '../../helpers/db.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';
import { AuditKeying } from '../../../models/audit-keying.model.js';
import {
  AuditKeyError,
  configureAuditKey,
  flushAuditAnchor,
  recordAudit,
  verifyAuditChain,
} from '../../../server/audit/audit.service.js';
import { auditHash } from '../../../server/audit/audit-hash.js';
import { makeAuditVerifyCommand } from '../../../server/cli/audit-verify.command.js';
import { memoryIo, run } from '../../helpers/cli.js';

const verify = makeAuditVerifyCommand((fn) => fn({}));
const system = { kind: 'system', label: 'test' } as const;

async function write(action: string, n = 1): Promise<{ seq: number; hash: string }> {
  let last = { seq: 0, hash: '' };
  for (let i = 0; i < n; i++)
    last = await recordAudit(
      { actor: system, origin: { via: 'cli' }, action, object: { type: 'test', ref: randomUUID() } },
      new Date(),
    );
  return last;
}

describe('audit: sealed trail, anchored head, refused databases', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
    await write('test.keying.start');
  });
  afterEach(() => configureAuditKey(process.env.AUDIT_KEY, process.env.DATA_DIR));

  it('when every entry from one onwards is rewritten with consistent hashes but without the key, then verify names the first rewritten entry', async () => {
    const { seq: first } = await write('test.rewrite.victim');
    await write('test.rewrite.after', 3);
    const originals = await AuditEntry.find({ seq: { $gte: first } })
      .sort({ seq: 1 })
      .lean();
    try {
      // The attacker's rewrite: new content, every hash recomputed, the chain relinked — all an
      // unkeyed SHA-256 chain could check; the seals cannot be recomputed without the key.
      let prevHash = (await AuditEntry.findOne({ seq: first - 1 }).lean())!.hash;
      for (const e of originals) {
        const fields = {
          seq: e.seq,
          at: e.at,
          actor: { kind: 'system', label: 'nobody' },
          action: 'test.innocent',
          object: { type: 'test' },
          result: 'success',
          origin: { via: 'cli' },
          details: null,
          prevHash,
        };
        const hash = auditHash(fields);
        await AuditEntry.collection.replaceOne({ _id: e._id }, { ...fields, hash, seal: 'f'.repeat(64) });
        prevHash = hash;
      }
      const io = memoryIo();
      assert.equal(await verify.run([], io), 1);
      assert.match(io.err, new RegExp(`BROKEN at entry #${first}: it is not sealed with the audit key`));
      // Dropping the seals does not help either.
      await AuditEntry.collection.updateMany({ seq: { $gte: first } }, { $unset: { seal: '' } });
      const v = await verifyAuditChain();
      assert.deepEqual(v.ok ? null : [v.brokenAt, v.problem], [first, 'unsealed']);
    } finally {
      for (const e of originals) await AuditEntry.collection.replaceOne({ _id: e._id }, e);
    }
    assert.equal((await verifyAuditChain()).ok, true);
  });

  it('when the newest entries are cut off, then the head anchored in DATA_DIR shows the truncation', async () => {
    await write('test.anchor', 3);
    flushAuditAnchor();
    const newest = await AuditEntry.find({}).sort({ seq: -1 }).limit(2).lean();
    await AuditEntry.deleteMany({ _id: { $in: newest.map((e) => e._id) } });
    try {
      const io = memoryIo();
      assert.equal(await verify.run([], io), 1);
      assert.match(
        io.err,
        new RegExp(
          `BROKEN at entry #${newest[1]!.seq}: it is missing: the trail ends before the head anchored`,
        ),
      );
    } finally {
      await AuditEntry.collection.insertMany(newest);
    }
    const io = memoryIo();
    assert.equal(await verify.run([], io), 0, io.err);
    assert.match(io.out, /The head anchored outside the database \(#\d+\) is present and unchanged/);
  });

  it('when the keying record is altered to seal from a later position, then verify refuses the trail', async () => {
    const record = await AuditKeying.findById('chain').lean();
    assert.ok(record, 'the first write made the keying record');
    try {
      await AuditKeying.collection.updateOne({ _id: 'chain' as never }, { $set: { keyedFrom: 1_000_000 } });
      const io = memoryIo();
      assert.equal(await verify.run([], io), 1);
      assert.match(io.err, /NOT VERIFIED: the keying record of the trail was altered/);
      await AuditKeying.collection.deleteOne({ _id: 'chain' as never });
      const gone = memoryIo();
      assert.equal(await verify.run([], gone), 1);
      assert.match(gone.err, /NOT VERIFIED: this database has audit entries but no keying record/);
    } finally {
      await AuditKeying.collection.deleteOne({ _id: 'chain' as never });
      await AuditKeying.collection.insertOne(record as never);
    }
    assert.equal((await verifyAuditChain()).ok, true);
  });

  it('when audit:verify runs against an empty database, with another key or with no key, then it refuses with exit 1 and says why', async () => {
    const emptyUri = uri.replace(/\/([^/]+)$/, `/$1_empty_${process.pid}`);
    const otherDir = mkdtempSync(join(tmpdir(), 'meldpunt-other-data-'));
    try {
      const empty = await run(process.execPath, ['bin/meldpunt.js', 'audit:verify'], {
        MONGODB_URI: emptyUri,
        LOG_LEVEL: 'silent',
      });
      assert.equal(empty.code, 1, empty.stdout);
      assert.match(empty.stderr, /NOT VERIFIED: this database holds no audit trail at all/);
      assert.doesNotMatch(empty.stdout, /intact/);

      const wrongKey = await run(process.execPath, ['bin/meldpunt.js', 'audit:verify'], {
        MONGODB_URI: uri,
        LOG_LEVEL: 'silent',
        AUDIT_KEY: randomBytes(32).toString('base64url'),
      });
      assert.equal(wrongKey.code, 1);
      assert.match(wrongKey.stderr, /sealed with another key/);

      // `run` adds to the parent's environment: an empty AUDIT_KEY counts as not set.
      const noKey = await run(process.execPath, ['bin/meldpunt.js', 'audit:verify'], {
        MONGODB_URI: uri,
        LOG_LEVEL: 'silent',
        DATA_DIR: otherDir,
        AUDIT_KEY: '',
      });
      assert.equal(noKey.code, 1);
      assert.match(noKey.stderr, /no audit key found/);

      const ok = await run(process.execPath, ['bin/meldpunt.js', 'audit:verify'], {
        MONGODB_URI: uri,
        LOG_LEVEL: 'silent',
      });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^Audit trail intact: \d+ entries; head #\d+ [0-9a-f]{64}\n/);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('when a process with another key tries to write, then nothing is written and it is told why', async () => {
    const before = await AuditEntry.countDocuments({});
    configureAuditKey(randomBytes(32).toString('base64url'));
    await assert.rejects(
      write('test.wrong-key'),
      (err: unknown) => err instanceof AuditKeyError && /sealed with another key/.test(err.message),
    );
    configureAuditKey(undefined);
    await assert.rejects(
      write('test.no-key'),
      (err: unknown) => err instanceof AuditKeyError && /no audit key/.test(err.message),
    );
    assert.equal(await AuditEntry.countDocuments({}), before);
  });
});
