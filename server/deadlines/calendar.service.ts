// The privacy officer's calendar feed (issue 5): a secret random token in the URL, stored only as
// a hash; revocable and regenerable. The feed lists every open deadline by duty and incident
// reference — no client data.
import { createHash, randomBytes } from 'node:crypto';
import { CalendarToken } from '../../models/calendar-token.model.js';
import { User } from '../../models/user.model.js';
import { recordAudit, type AuditOrigin } from '../audit/audit.service.js';
import { assertRole, type ActionContext } from '../context.js';
import type { Config } from '../config.js';
import { NotFoundError } from '../errors.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { assessmentConfigFor } from '../assessments/assessment-settings.js';
import { openDuties } from '../duties/duties.service.js';
import { dutyActionPath } from '../duties/duties.view-model.js';
import { buildCalendar, type CalendarEvent } from './calendar-feed.js';
import { auditAction } from '../audit/audit-action.js';

/** Hash under which a token is stored and looked up. */
export function hashCalendarToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// 32 random bytes, URL-safe: guessing is hopeless, and the URL has no characters to escape.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether the signed-in privacy officer has a working feed link, and since when. */
export async function calendarStatus(
  ctx: ActionContext,
): Promise<{ active: boolean; createdAt: Date | null }> {
  assertRole(ctx.user, 'privacy_officer');
  const latest = await CalendarToken.findOne({ userId: ctx.user.id }).sort({ createdAt: -1, _id: -1 }).lean();
  const active = !!latest && !latest.revokedAt;
  return { active, createdAt: active ? latest.createdAt : null };
}

/** Makes a new feed token (the old one stops working) and returns it; it is shown once, never stored. */
export async function regenerateCalendarToken(ctx: ActionContext): Promise<string> {
  assertRole(ctx.user, 'privacy_officer');
  await CalendarToken.updateMany({ userId: ctx.user.id, revokedAt: null }, { $set: { revokedAt: ctx.now } });
  const token = randomBytes(32).toString('base64url');
  await CalendarToken.create({
    userId: ctx.user.id,
    tokenHash: hashCalendarToken(token),
    createdAt: ctx.now,
  });
  await auditAction(ctx, {
    action: 'calendar.token-created',
    object: { type: 'user', id: ctx.user.id },
  });
  return token;
}

/** Revokes the signed-in privacy officer's feed link. */
export async function revokeCalendarToken(ctx: ActionContext): Promise<void> {
  assertRole(ctx.user, 'privacy_officer');
  await CalendarToken.updateMany({ userId: ctx.user.id, revokedAt: null }, { $set: { revokedAt: ctx.now } });
  await auditAction(ctx, {
    action: 'calendar.token-revoked',
    object: { type: 'user', id: ctx.user.id },
  });
}

/**
 * The iCalendar text for a feed token. Unknown, revoked or superseded tokens, and tokens of users
 * who are no longer active privacy officers, are NotFound (the same answer for all, nothing leaks).
 */
export async function calendarFeed(
  token: string,
  now: Date,
  config: Pick<Config, 'baseUrl' | 'organisation'>,
  origin: AuditOrigin,
): Promise<string> {
  if (!TOKEN_PATTERN.test(token)) throw new NotFoundError();
  const stored = await CalendarToken.findOne({ tokenHash: hashCalendarToken(token) }).lean();
  if (!stored || stored.revokedAt) throw new NotFoundError();
  // Regenerating revokes the old token; this also covers two regenerations racing each other.
  const newest = await CalendarToken.findOne({ userId: stored.userId })
    .sort({ createdAt: -1, _id: -1 })
    .select({ _id: 1 })
    .lean();
  if (!newest || String(newest._id) !== String(stored._id)) throw new NotFoundError();
  const user = await User.findById(stored.userId)
    .select({ email: 1, role: 1, active: 1, language: 1 })
    .lean();
  if (!user || !user.active || user.role !== 'privacy_officer') throw new NotFoundError();
  const lang: Lang = user.language === 'en' ? 'en' : 'nl';

  const duties = (await openDuties(now, assessmentConfigFor(config))).filter((d) => d.deadline);
  const events: CalendarEvent[] = duties.map((d) => {
    // Before the assessment the work starts on the incident page, and each clock (provisional from
    // discovery, then from awareness) is an event of its own: its version does not change (issue 12).
    const early = d.beforeAssessment !== undefined;
    const url = `${config.baseUrl}${early ? `/incidents/${encodeURIComponent(d.incidentId)}` : dutyActionPath(d.duty, d.incidentId)}`;
    const duty = translate(lang, `duties.kind.${d.duty}`);
    return {
      uid: early
        ? `${d.incidentId}-${d.duty}-${d.deadline!.getTime()}@meldpunt`
        : `${d.incidentId}-${d.duty}@meldpunt`,
      sequence: d.version,
      start: d.deadline!,
      durationMinutes: 30,
      summary: translate(
        lang,
        d.beforeAssessment === 'discovery' ? 'calendar.event.provisional' : 'calendar.event.summary',
        { duty, reference: d.reference },
      ),
      description: translate(lang, 'calendar.event.description', { link: url }),
      url,
      // A day ahead to plan the filing, an hour ahead as the last call (issue 14 item 8).
      alarmMinutes: [24 * 60, 60],
    };
  });
  await recordAudit(
    {
      actor: { kind: 'user', id: String(user._id), label: user.email, role: user.role },
      origin,
      action: 'calendar.feed',
      object: { type: 'calendar', id: String(stored._id) },
      details: { events: events.length },
    },
    now,
  );
  return buildCalendar(events, { name: translate(lang, 'calendar.name'), now, lang });
}
