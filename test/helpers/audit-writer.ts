// A separate process that appends audit entries to the test database, for proving that writers in
// several processes never fork the chain. It connects, prints "ready", writes when the parent says
// "go", and prints how many positions it found taken. Usage: node --import tsx audit-writer.ts URI COUNT LABEL
import { auditStats, recordAudit } from '../../server/audit/audit.service.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, count, label] = process.argv.slice(2);
await connectChild(uri!);
await waitForGo();
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    recordAudit(
      {
        actor: { kind: 'system', label: label! },
        origin: { via: 'worker' },
        action: 'test.concurrent',
        object: { type: 'test', ref: `${label}-${i}` },
      },
      new Date(),
    ),
  ),
);
await finishChild({ collisions: auditStats.collisions });
