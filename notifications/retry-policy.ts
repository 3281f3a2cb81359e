// What happens after a send attempt: a pure decision (architecture.md §3 rule 4) so the whole
// back-off schedule can be tested with a table, without a database or a mail server.
import type { SendFailureKind } from './channels/channel.js';

/** Tunables of the retry schedule. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseDelayMs: number;
  /** Each further failure multiplies the delay by this factor. */
  factor: number;
  /** No delay is ever longer than this. */
  maxDelayMs: number;
  /** After this many attempts a temporary failure is given up: the message is dead. */
  maxAttempts: number;
}

/** 1 min, 2, 4, … capped at 1 h; 10 attempts span about 5 hours, long enough to ride out an SMTP outage. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  baseDelayMs: 60_000,
  factor: 2,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
});

/** The state a message moves to after an attempt. */
export type SendDecision =
  | { status: 'sent'; sentAt: Date }
  | { status: 'pending'; nextAttemptAt: Date; delayMs: number }
  | { status: 'failed'; reason: 'permanent' | 'invalid' }
  | { status: 'dead'; reason: 'max-attempts' };

/** Back-off before the next attempt, given how many attempts were made so far (≥ 1). */
export function backoffDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, attempts - 1);
  // Computed in floating point, so cap before it can overflow to Infinity on absurd attempt counts.
  const raw = policy.baseDelayMs * Math.pow(policy.factor, Math.min(exponent, 64));
  return Math.min(policy.maxDelayMs, Math.round(raw));
}

/**
 * Decides the next state of a message after attempt number `attempts` (counting this one):
 * success → sent; a message that can never be sent (invalid) → failed at once; a temporary
 * failure → pending with back-off, dead once the attempts are used up. A refusal by the server
 * (5xx) is final for a notice to an affected person (a letter follows), but with `retryRefused`
 * it is retried like a temporary failure and ends failed after the last attempt. Outbox mail is internal — alerts and reminders to the
 * privacy officer, notices to the ministry — and a 5xx is often the server's own fault (a full
 * mailbox, a relay or login misconfiguration) that is repaired within hours, so one refusal must
 * not end it (issue 11 item 13). Final states are never deleted (rule 9) and are shown to admins.
 */
export function decideAfterAttempt(
  outcome: { ok: true } | { ok: false; kind: SendFailureKind },
  attempts: number,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  { retryRefused = false }: { retryRefused?: boolean } = {},
): SendDecision {
  if (outcome.ok) return { status: 'sent', sentAt: now };
  if (outcome.kind === 'invalid') return { status: 'failed', reason: 'invalid' };
  // A notice to an affected person refused with 5xx goes to the letters at once (domain.md §10.6).
  if (outcome.kind === 'permanent' && !retryRefused) return { status: 'failed', reason: 'permanent' };
  if (attempts >= policy.maxAttempts)
    return outcome.kind === 'permanent'
      ? { status: 'failed', reason: 'permanent' }
      : { status: 'dead', reason: 'max-attempts' };
  const delayMs = backoffDelayMs(attempts, policy);
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs), delayMs };
}
