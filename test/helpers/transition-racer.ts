// A child process for the status-change race: its own database connection, then ATTEMPTS
// concurrent changes of one incident from FROM to TO, released by the parent's "go".
// Usage: node --import tsx transition-racer.ts URI INCIDENT_ID REFERENCE FROM TO ATTEMPTS
import { Types } from 'mongoose';
import { changeIncidentStatus, transitionStats } from '../../server/incidents/incident-workflow.js';
import { AppError } from '../../server/errors.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, id, reference, from, to, attempts] = process.argv.slice(2);
await connectChild(uri!);
const user = {
  id: `racer-${process.pid}`,
  email: 'racer@example.test',
  name: 'Racer',
  role: 'privacy_officer' as const,
  language: 'nl' as const,
};
await waitForGo();
const outcomes = await Promise.all(
  Array.from({ length: Number(attempts) }, () =>
    changeIncidentStatus(
      { _id: new Types.ObjectId(id), reference: reference!, status: from! },
      to as IncidentStatus,
      { user, origin: { via: 'web' }, now: new Date() },
    ).then(
      () => 'changed',
      (err: unknown) => (err instanceof AppError ? err.code : `error: ${String(err)}`),
    ),
  ),
);
await finishChild({ outcomes, lost: transitionStats.lost });
