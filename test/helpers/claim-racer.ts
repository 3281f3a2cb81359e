// A child process for the lease-claim race: its own database connection, then ATTEMPTS concurrent
// takes of one outbox message, released by the parent's "go"; prints the generations it won.
// Usage: node --import tsx claim-racer.ts URI MESSAGE_ID ATTEMPTS
import mongoose, { Types } from 'mongoose';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { claimStats, leaseClaims } from '../../server/db/lease-claims.js';
import { OutboxClaim } from '../../models/outbox-claim.model.js';
import { waitForGo } from './race.js';
import '../../models/index.js';

const [uri, id, attempts] = process.argv.slice(2);
await mongoose.connect(uri!, CONNECT_OPTIONS);
const claims = leaseClaims({ model: OutboxClaim, itemField: 'messageId', holderField: 'workerId' });
await waitForGo();
const won = await Promise.all(Array.from({ length: Number(attempts) }, () => claims.take(new Types.ObjectId(id), `racer-${process.pid}`, new Date(), 60_000)));
await mongoose.disconnect();
console.log(JSON.stringify({ won: won.filter((g) => g !== null), lostInserts: claimStats.lostInserts }));
