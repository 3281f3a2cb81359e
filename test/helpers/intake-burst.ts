// A child process that files reports in bursts until it is killed, for the intake crash test.
// Prints "filing N" before each submission and "ack REFERENCE" once the reporter would have seen it.
// Usage: node --import tsx intake-burst.ts URI USER_JSON ISO_NOW
import { submitReport } from '../../server/incidents/incidents.service.js';
import { reportSchema } from '../../server/incidents/incidents.schema.js';
import { reportForm } from './incidents.js';
import { connectChild } from './race.js';
import '../../models/index.js';

const [uri, userJson, iso] = process.argv.slice(2);
await connectChild(uri!);
const user = JSON.parse(userJson!) as {
  id: string;
  email: string;
  name: string;
  role: 'reporter';
  language: 'nl';
};
const now = new Date(iso!);
const input = reportSchema(now).parse(reportForm({ summary: 'Melding in een reeks die wordt afgebroken' }));
let n = 0;
for (;;) {
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const i = n++;
      process.stdout.write(`filing ${i}\n`);
      const r = await submitReport(
        input,
        { user, origin: { via: 'web' }, now },
        { baseUrl: 'http://meldpunt.test' },
      );
      process.stdout.write(`ack ${r.reference}\n`);
    }),
  );
}
