// Every mail about incident data is audit-logged (domain.md §8.3): the worker calls these hooks once
// the outcome is recorded. Recipients are counted, never listed (no contact data in the trail).
import type { OutboxMessageDoc } from '../../models/outbox-message.model.js';
import type { Clock } from '../clock.js';
import { recordAudit } from './audit.service.js';

function auditMail(action: 'mail.sent' | 'mail.failed', clock: Clock) {
  return async (m: OutboxMessageDoc): Promise<void> => {
    await recordAudit(
      {
        actor: { kind: 'system', label: 'mail-worker' },
        origin: { via: 'worker' },
        action,
        object: m.incidentId
          ? { type: 'incident', id: String(m.incidentId), ref: m.key }
          : { type: 'mail', id: m.messageId, ref: m.key },
        result: action === 'mail.sent' ? 'success' : 'failure',
        details: {
          template: m.template,
          kind: m.kind,
          messageId: m.messageId,
          recipients: m.to.length,
          attempts: m.attempts,
          status: m.status,
        },
      },
      clock.now(),
    );
  };
}

/** The worker hooks that write `mail.sent` and `mail.failed` audit entries. */
export function mailAuditHooks(clock: Clock) {
  return { onSent: auditMail('mail.sent', clock), onFailed: auditMail('mail.failed', clock) };
}
