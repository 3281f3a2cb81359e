// A separate process that takes sequence numbers, for proving numbers stay gap-free and unique
// across processes. Usage: node --import tsx sequence-taker.ts URI SCOPE COUNT; prints the numbers.
import mongoose from 'mongoose';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { nextSequence } from '../../server/db/unique-insert.js';
import { Sequence } from '../../models/sequence.model.js';

const [uri, scope, count] = process.argv.slice(2);
await mongoose.connect(uri!, CONNECT_OPTIONS);
const taken = await Promise.all(Array.from({ length: Number(count) }, () => nextSequence(Sequence, scope!)));
process.stdout.write(JSON.stringify(taken));
await mongoose.disconnect();
