// A child process for the lease-claim race: its own database connection, then ATTEMPTS concurrent
// takes of one item, released by the parent's "go"; prints the generations it won.
// KIND is `outbox` (an outbox message), `reminder` (a deadline reminder) or `notice` (a notice-run
// page), each through the claims its worker uses; ITEM is the message, reminder or run id.
// Usage: node --import tsx claim-racer.ts URI ITEM ATTEMPTS [KIND]
import mongoose, { Types } from 'mongoose';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { claimStats, leaseClaimsById } from '../../server/db/lease-claims.js';
import { NoticeClaim } from '../../models/notice-claim.model.js';
import { reminderClaims } from '../../server/deadlines/reminder-scheduler.js';
import { claimOutboxMessage } from '../../notifications/outbox-claims.js';
import { waitForGo } from './race.js';
import '../../models/index.js';

const [uri, id, attempts, kind = 'outbox'] = process.argv.slice(2);
await mongoose.connect(uri!, CONNECT_OPTIONS);
const take: () => Promise<number | null> =
  kind === 'notice'
    ? (() => {
        const claims = leaseClaimsById<string>({
          model: NoticeClaim,
          idOf: (runId, g) => `${runId}:1:${g}`,
          generationField: 'gen',
          holderField: 'workerId',
          fields: (runId) => ({ runId: new Types.ObjectId(runId), part: '1' }),
        });
        return () => claims.take(id!, `racer-${process.pid}`, new Date(), 60_000);
      })()
    : kind === 'reminder'
      ? () => reminderClaims.take(new Types.ObjectId(id), `racer-${process.pid}`, new Date(), 60_000)
      : () => claimOutboxMessage(new Types.ObjectId(id), `racer-${process.pid}`, new Date(), 60_000);
await waitForGo();
const won = await Promise.all(Array.from({ length: Number(attempts) }, take));
await mongoose.disconnect();
console.log(JSON.stringify({ won: won.filter((g) => g !== null), lostInserts: claimStats.lostInserts }));
