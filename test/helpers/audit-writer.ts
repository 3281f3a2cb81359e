// A separate process that appends audit entries to the test database, for proving that writers in
// several processes never fork the chain. Usage: node --import tsx audit-writer.ts URI COUNT LABEL
import mongoose from 'mongoose';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { configureAuditKey, flushAuditAnchor, recordAudit } from '../../server/audit/audit.service.js';
import { loadConfig } from '../../server/config.js';
import '../../models/index.js';

const [uri, count, label] = process.argv.slice(2);
const config = loadConfig();
configureAuditKey(config.audit.key, config.dataDir);
await mongoose.connect(uri!, CONNECT_OPTIONS);
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    recordAudit({ actor: { kind: 'system', label: label! }, origin: { via: 'worker' }, action: 'test.concurrent', object: { type: 'test', ref: `${label}-${i}` } }, new Date()),
  ),
);
flushAuditAnchor();
await mongoose.disconnect();
