// A child process for the retention-sweep race: its own database connection and audit key, then one
// sweep at the moment NOW, released by the parent's "go"; prints whether it ran and what it deleted.
// Usage: node --import tsx retention-racer.ts URI NOW YEARS
import { runRetentionSweep } from '../../server/retention/retention.service.js';
import { claimStats } from '../../server/db/lease-claims.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, now, years] = process.argv.slice(2);
await connectChild(uri!);
await waitForGo();
const result = await runRetentionSweep({
  now: new Date(now!),
  years: Number(years),
  actor: { kind: 'system', label: 'register-retention' },
  origin: { via: 'scheduler' },
  holder: `racer-${process.pid}`,
});
await finishChild({ ...result, lostInserts: claimStats.lostInserts });
