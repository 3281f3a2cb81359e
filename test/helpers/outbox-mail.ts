// What the outbox tests enqueue: a report receipt, in Dutch, to one reporter.
import type { EnqueueMailInput } from '../../notifications/outbox.js';

export const OUTBOX_FROM = 'Meldpunt <meldpunt@example.nl>';

/** The receipt of report `reference`, keyed by it (enqueueing it twice gives one message). */
export function receiptMail(reference: string, to = 'melder@example.nl'): EnqueueMailInput<'report-receipt'> {
  return {
    key: `report-receipt:${reference}`,
    template: 'report-receipt',
    lang: 'nl',
    to: [to],
    data: {
      reference,
      link: `https://meldpunt.example.nl/incidents/${reference}`,
      reportedAt: new Date('2026-01-05T08:55:00Z'),
    },
  };
}
