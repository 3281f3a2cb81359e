// A child process for the exclusion race: its own database connection, then ATTEMPTS concurrent
// exclusions of one affected person, released by the parent's "go"; prints the outcomes and how
// many found the exclusion already counted at the unique key.
// Usage: node --import tsx exclude-racer.ts URI USER_JSON INCIDENT_ID PERSON_ID ATTEMPTS
import { excludePerson, exclusionStats } from '../../server/notices/affected-persons.service.js';
import type { SessionUser } from '../../server/context.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, userJson, incidentId, personId, attempts] = process.argv.slice(2);
await connectChild(uri!);
const user = JSON.parse(userJson!) as SessionUser;
await waitForGo();
const outcomes = await Promise.all(
  Array.from({ length: Number(attempts) }, () =>
    excludePerson(incidentId, personId, {
      user,
      origin: { ip: '127.0.0.1', via: 'web' },
      now: new Date(),
    }).then(
      () => 'done',
      (err: unknown) => `error: ${String(err)}`,
    ),
  ),
);
await finishChild({ outcomes, lostInserts: exclusionStats.lostInserts });
