// The mails of one reminder: to every active privacy officer (in their language) and the deputy;
// expiry and overdue reminders also to the escalation address (domain.md §10.5). The mails carry
// only the duty, the incident reference, the deadline and a link — never client data.
import { User } from '../../models/user.model.js';
import type { ReminderDoc } from '../../models/reminder.model.js';
import { enqueueMail, MAX_RECIPIENTS } from '../../notifications/outbox.js';
import type { MailLang } from '../../notifications/mail-types.js';
import type { Config } from '../config.js';
import { translate } from '../i18n/i18n.js';
import type { IncidentDuty } from '../duties/duties.service.js';
import { dutyActionPath } from '../duties/duties.view-model.js';
import type { ReminderConfig } from './reminder-schedule.js';

const HOUR_MS = 3_600_000;

/**
 * Addresses grouped by mail language; each address once. The deputy and the escalation address
 * come first, then the officers in address order: when a large team's reminder goes out in parts,
 * the first part always reaches them.
 */
export async function reminderRecipients(
  mail: Pick<Config['mail'], 'deputyEmail' | 'escalationEmail'>,
  escalate: boolean,
): Promise<Map<MailLang, string[]>> {
  const officers = await User.find({ role: 'privacy_officer', active: true })
    .select({ email: 1, language: 1 })
    .lean();
  const byAddress = new Map<string, MailLang>();
  // The deputy and management get the organisation's language (Dutch).
  for (const extra of [escalate ? mail.escalationEmail : undefined, mail.deputyEmail]) {
    if (extra) byAddress.set(extra.toLowerCase(), 'nl');
  }
  const sorted = officers.map((o) => ({
    address: o.email.toLowerCase(),
    lang: o.language === 'en' ? ('en' as const) : ('nl' as const),
  }));
  sorted.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  // An officer who is also the deputy or escalation address reads in their own language.
  for (const o of sorted) byAddress.set(o.address, o.lang);
  const out = new Map<MailLang, string[]>();
  for (const lang of ['nl', 'en'] as const) {
    const list = [...byAddress.entries()].filter(([, l]) => l === lang).map(([address]) => address);
    if (list.length > 0) out.set(lang, list);
  }
  return out;
}

/** Enqueues the mails of one reminder (idempotent per reminder and language); returns their outbox keys. */
export async function enqueueReminderMails(
  reminder: Pick<ReminderDoc, 'key' | 'kind' | 'dueAt'> & { escalate: boolean },
  duty: IncidentDuty,
  config: Pick<Config, 'baseUrl' | 'mail'>,
  schedule: ReminderConfig,
  now: Date,
): Promise<string[]> {
  const groups = await reminderRecipients(config.mail, reminder.escalate);
  // Before any assessment the work starts on the incident page (triage, awareness, assessment).
  const path = duty.beforeAssessment
    ? `/incidents/${encodeURIComponent(duty.incidentId)}`
    : dutyActionPath(duty.duty, duty.incidentId);
  const link = `${config.baseUrl}${path}`;
  // A follow-up nag has no legal deadline: its internal target is the next weekly nag (§10.5).
  const deadline =
    duty.deadline ?? new Date(reminder.dueAt.getTime() + schedule.followupEveryHours * HOUR_MS);
  const keys: string[] = [];
  for (const [lang, everyone] of groups) {
    // An outbox message carries at most MAX_RECIPIENTS addresses: a larger team gets the reminder in
    // parts, the first under the reminder's own key, each further one numbered (all deterministic,
    // so a retried run stores each part once).
    for (let part = 0; part * MAX_RECIPIENTS < everyone.length; part++) {
      const to = everyone.slice(part * MAX_RECIPIENTS, (part + 1) * MAX_RECIPIENTS);
      const key =
        part === 0 ? `reminder:${reminder.key}:${lang}` : `reminder:${reminder.key}:${lang}:${part + 1}`;
      // Before the assessment the name says so, and whether the deadline is still provisional (issue 12).
      const dutyName = translate(
        lang,
        duty.beforeAssessment ? `duties.mailName.${duty.beforeAssessment}` : `duties.kind.${duty.duty}`,
      );
      const common = { dutyName, reference: duty.reference, deadline, link };
      const diffH = Math.floor(Math.abs(deadline.getTime() - now.getTime()) / HOUR_MS);
      if (reminder.escalate) {
        const hoursOverdue = now.getTime() >= deadline.getTime() ? diffH : 0;
        await enqueueMail(
          {
            key,
            template: 'deadline-escalation',
            lang,
            to,
            kind: 'reminder',
            incidentId: duty.incidentId,
            data: { ...common, hoursOverdue },
          },
          now,
        );
      } else {
        const hoursLeft = now.getTime() < deadline.getTime() ? diffH : 0;
        await enqueueMail(
          {
            key,
            template: 'deadline-reminder',
            lang,
            to,
            kind: 'reminder',
            incidentId: duty.incidentId,
            data: { ...common, hoursLeft },
          },
          now,
        );
      }
      keys.push(key);
    }
  }
  return keys;
}
