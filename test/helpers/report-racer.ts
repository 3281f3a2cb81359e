// A child process for the reference race: its own database connection, then COUNT reports filed
// at once at ISO_NOW, released by the parent's "go"; prints the references it got.
// Usage: node --import tsx report-racer.ts URI USER_JSON ISO_NOW COUNT
import { numberStats } from '../../models/db/unique-insert.js';
import { submitReport } from '../../server/incidents/incidents.service.js';
import { reportSchema } from '../../server/incidents/incidents.schema.js';
import { reportForm } from './incidents.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, userJson, iso, count] = process.argv.slice(2);
await connectChild(uri!);
const user = JSON.parse(userJson!) as {
  id: string;
  email: string;
  name: string;
  role: 'reporter';
  language: 'nl';
};
const now = new Date(iso!);
const input = reportSchema(now).parse(reportForm({ summary: 'Gelijktijdige melding uit een ander proces' }));
await waitForGo();
const refs = await Promise.all(
  Array.from(
    { length: Number(count) },
    async () =>
      (await submitReport(input, { user, origin: { via: 'web' }, now }, { baseUrl: 'http://meldpunt.test' }))
        .reference,
  ),
);
await finishChild({ refs, collisions: numberStats.collisions });
