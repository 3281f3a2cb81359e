// What happens around the engine's own run changes: the audit trail (domain.md §8.3), the duty
// record when a run is complete (duty-fulfilment.model.ts: duty `subjects`), and the mail to the
// privacy officers when the circuit breaker paused a run (architecture.md §3 rule 10).
import { Types } from 'mongoose';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { enqueueMail } from '../../notifications/outbox.js';
import type { NoticeRunHooks } from '../../notifications/notice-run/mongo-store.js';
import type { ActiveRun } from '../../notifications/notice-run/store.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { activeUsersWithRole } from '../users/users.service.js';

const SYSTEM = { kind: 'system' as const, label: 'notice-worker' };
const ORIGIN = { via: 'worker' as const };

function runObject(run: ActiveRun) {
  return { type: 'notice-run', id: run.runId, ref: run.reference };
}

/** Tells every active privacy officer that a run was paused, in their own language. */
export async function mailOfficersRunPaused(
  run: ActiveRun,
  failures: number,
  seq: number,
  now: Date,
  baseUrl: string,
): Promise<void> {
  const officers = await activeUsersWithRole('privacy_officer');
  for (const lang of ['nl', 'en'] as const) {
    const to = officers.filter((o) => o.language === lang).map((o) => o.email);
    for (let i = 0; i < to.length; i += 50) {
      await enqueueMail(
        {
          key: `notice-run-paused:${run.runId}:${seq}:${lang}:${i / 50}`,
          template: 'notice-run-paused',
          lang,
          to: to.slice(i, i + 50),
          data: {
            reference: run.reference,
            failures,
            pausedAt: now,
            link: `${baseUrl}/notices/runs/${run.runId}`,
          },
          incidentId: run.incidentId,
        },
        now,
      );
    }
  }
}

/** The hooks of the Mongo notice store, for the app and the worker process. */
export function noticeRunHooks(config: Pick<Config, 'baseUrl'>): NoticeRunHooks {
  return {
    async onPaused(run, reason, details, seq, now) {
      await recordAudit(
        {
          actor: SYSTEM,
          origin: ORIGIN,
          action: 'notice.run.paused',
          object: runObject(run),
          details: { reason, ...details },
        },
        now,
      );
      if (reason === 'circuit')
        await mailOfficersRunPaused(run, Number(details.failures ?? 0), seq, now, config.baseUrl);
    },
    async onVoided(run, reason, now) {
      await recordAudit(
        {
          actor: SYSTEM,
          origin: ORIGIN,
          action: 'notice.run.approval-voided',
          object: runObject(run),
          details: { reason },
        },
        now,
      );
    },
    async onCompleted(run, totals, now) {
      const incidentId = new Types.ObjectId(run.incidentId);
      // Only the worker whose `completed` event was stored gets here; the check covers a crash
      // between the event and this record, after which nothing calls this again.
      if (!(await DutyFulfilment.exists({ incidentId, duty: 'subjects', ref: run.runId }))) {
        const c = totals.counts;
        await DutyFulfilment.create({
          incidentId,
          duty: 'subjects',
          outcome: 'fulfilled',
          at: totals.lastSentAt ?? now,
          recordedAt: now,
          byName: 'Meldpunt',
          ref: run.runId,
          note: `e-mail: ${c.sent} sent, ${c.failed + c.dead} failed; letters: ${c.letter + c.failed + c.dead}; templates: ${totals.templates.join(', ')}`,
        });
      }
      await recordAudit(
        {
          actor: SYSTEM,
          origin: ORIGIN,
          action: 'notice.run.completed',
          object: runObject(run),
          details: {
            counts: totals.counts,
            recipients: totals.recipients,
            inFlightRecovered: totals.inFlightRecovered,
            templates: totals.templates,
          },
        },
        now,
      );
    },
  };
}
