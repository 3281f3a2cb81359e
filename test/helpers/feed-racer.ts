// A child process for the change feed: its own database connection, then, released by the
// parent's "go", names each of the given incidents' handler COUNT times (every write appends a
// feed entry); prints how often its feed number was taken by another writer first.
// Usage: node --import tsx feed-racer.ts URI NAME COUNT ID...
import mongoose from 'mongoose';
import { Incident } from '../../models/incident.model.js';
import { numberStats } from '../../models/db/unique-insert.js';
import { connectChild, finishChild, waitForGo } from './race.js';

const [uri, name, count, ...ids] = process.argv.slice(2);
await connectChild(uri!);
// Learn the feed head before the race, as a running process would have.
await Incident.updateOne(
  { _id: new mongoose.Types.ObjectId(ids[0]) },
  { $set: { handlerName: `${name} warm-up` } },
);
const before = numberStats.collisions;
await waitForGo();
for (let n = 1; n <= Number(count); n++) {
  await Promise.all(
    ids.map((id) =>
      Incident.updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { handlerName: `${name} ${n}` } }),
    ),
  );
}
await finishChild({ collisions: numberStats.collisions - before });
