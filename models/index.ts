// Every model, exported by name. Importing this module registers them with Mongoose.
export { Sequence } from './sequence.model.js';
export { User } from './user.model.js';
export { SetupToken } from './setup-token.model.js';
export { LoginFailure } from './login-failure.model.js';
export { AuditEntry } from './audit-entry.model.js';
export { OutboxMessage } from './outbox-message.model.js';
export { OutboxClaim } from './outbox-claim.model.js';
export { Incident } from './incident.model.js';
export { IncidentEvent } from './incident-event.model.js';
export { Assessment } from './assessment.model.js';
export { DutyFulfilment } from './duty-fulfilment.model.js';
export { Attachment } from './attachment.model.js';
export { AttachmentChunk } from './attachment-chunk.model.js';
export { Reminder } from './reminder.model.js';
export { ReminderClaim } from './reminder-claim.model.js';
export { CalendarToken } from './calendar-token.model.js';
