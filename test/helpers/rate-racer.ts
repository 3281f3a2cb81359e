// A child process for the shared rate limit: its own database connection, then COUNT sends'
// worth of slots of SCOPE at RATE per second, released by the parent's "go"; prints when each was taken.
// Usage: node --import tsx rate-racer.ts URI SCOPE RATE COUNT
import mongoose from 'mongoose';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { createRateSlots, rateSlotStats } from '../../server/db/rate-slots.js';
import { waitForGo } from './race.js';
import '../../models/index.js';

const [uri, scope, rate, count] = process.argv.slice(2);
await mongoose.connect(uri!, CONNECT_OPTIONS);
const slots = createRateSlots();
await waitForGo();
const at: number[] = [];
// Like a worker with a pool: several sends wait for a slot at once.
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (at.length < Number(count)) {
      const mine = at.length;
      at.push(0);
      await slots.acquire(scope!, Number(rate));
      at[mine] = Date.now();
    }
  }),
);
await mongoose.disconnect();
console.log(JSON.stringify({ at, collisions: rateSlotStats.collisions }));
