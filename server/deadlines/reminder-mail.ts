// The mails of one reminder: to every active privacy officer (in their language) and the deputy;
// expiry and overdue reminders also to the escalation address (domain.md §10.5). The mails carry
// only the duty, the incident reference, the deadline and a link — never client data.
import { User } from '../../models/user.model.js';
import type { ReminderDoc } from '../../models/reminder.model.js';
import { enqueueMail } from '../../notifications/outbox.js';
import type { MailLang } from '../../notifications/mail-types.js';
import type { Config } from '../config.js';
import { translate } from '../i18n/i18n.js';
import type { IncidentDuty } from '../duties/duties.service.js';
import { dutyActionPath } from '../duties/duties.view-model.js';
import type { ReminderConfig } from './reminder-schedule.js';

const HOUR_MS = 3_600_000;

/** Addresses grouped by mail language; each address once. */
export async function reminderRecipients(
  mail: Pick<Config['mail'], 'deputyEmail' | 'escalationEmail'>,
  escalate: boolean,
): Promise<Map<MailLang, string[]>> {
  const officers = await User.find({ role: 'privacy_officer', active: true }).select({ email: 1, language: 1 }).lean();
  const byAddress = new Map<string, MailLang>();
  for (const o of officers) byAddress.set(o.email.toLowerCase(), o.language === 'en' ? 'en' : 'nl');
  // The deputy and management get the organisation's language (Dutch).
  for (const extra of [mail.deputyEmail, escalate ? mail.escalationEmail : undefined]) {
    if (extra && !byAddress.has(extra.toLowerCase())) byAddress.set(extra.toLowerCase(), 'nl');
  }
  const out = new Map<MailLang, string[]>();
  for (const [address, lang] of [...byAddress.entries()].sort()) out.set(lang, [...(out.get(lang) ?? []), address]);
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
  const path = duty.beforeAssessment ? `/incidents/${encodeURIComponent(duty.incidentId)}` : dutyActionPath(duty.duty, duty.incidentId);
  const link = `${config.baseUrl}${path}`;
  // A follow-up nag has no legal deadline: its internal target is the next weekly nag (§10.5).
  const deadline = duty.deadline ?? new Date(reminder.dueAt.getTime() + schedule.followupEveryHours * HOUR_MS);
  const keys: string[] = [];
  for (const [lang, to] of groups) {
    const key = `reminder:${reminder.key}:${lang}`;
    // Before the assessment the name says so, and whether the deadline is still provisional (issue 12).
    const dutyName = translate(lang, duty.beforeAssessment ? `duties.mailName.${duty.beforeAssessment}` : `duties.kind.${duty.duty}`);
    const common = { dutyName, reference: duty.reference, deadline, link };
    const diffH = Math.floor(Math.abs(deadline.getTime() - now.getTime()) / HOUR_MS);
    if (reminder.escalate) {
      const hoursOverdue = now.getTime() >= deadline.getTime() ? diffH : 0;
      await enqueueMail({ key, template: 'deadline-escalation', lang, to, kind: 'reminder', incidentId: duty.incidentId, data: { ...common, hoursOverdue } }, now);
    } else {
      const hoursLeft = now.getTime() < deadline.getTime() ? diffH : 0;
      await enqueueMail({ key, template: 'deadline-reminder', lang, to, kind: 'reminder', incidentId: duty.incidentId, data: { ...common, hoursLeft } }, now);
    }
    keys.push(key);
  }
  return keys;
}
