// The sending state of one page of a notice run, held by the worker that owns the page's claim.
// Pure (architecture.md §3 rule 4): every change takes `now`, the retry policy decides what a
// failure means, and the stored form is one character per recipient plus two short lists.
import { decideAfterAttempt, type RetryPolicy } from '../retry-policy.js';
import type { SendFailureKind } from '../channels/channel.js';

/** One character per recipient. */
export const ITEM_STATUS = {
  /** Waiting for its first attempt. */
  pending: 'p',
  /** An attempt was started and its outcome not recorded yet (in flight). */
  sending: 's',
  sent: 'S',
  /** A temporary failure: waiting for the next attempt. */
  retrying: 'r',
  /** Refused for good (5xx, invalid address): goes to the letters list. */
  failed: 'F',
  /** Temporary failures until the attempts ran out: goes to the letters list. */
  dead: 'D',
  /** No e-mail address: a letter from the start. */
  letter: 'L',
} as const;

/** A recipient waiting for a retry. */
export interface RetryEntry {
  i: number;
  a: number;
  n: Date;
  e?: string;
}

/** A recipient whose e-mail failed for good. */
export interface FailureEntry {
  i: number;
  a: number;
  code?: number;
  e?: string;
}

/** The stored state of a page (the mutable part of notice_page_heads). */
export interface PageStateData {
  status: string;
  retries: RetryEntry[];
  failures: FailureEntry[];
  inFlightRecovered: number;
  templates: string[];
  firstSentAt?: Date | null;
  lastSentAt?: Date | null;
}

/** Counts of a page (or a run) by status. */
export interface StatusCounts {
  pending: number;
  sending: number;
  sent: number;
  retrying: number;
  failed: number;
  dead: number;
  letter: number;
}

const CHAR_TO_KEY: Record<string, keyof StatusCounts> = {
  p: 'pending',
  s: 'sending',
  S: 'sent',
  r: 'retrying',
  F: 'failed',
  D: 'dead',
  L: 'letter',
};

/** Zero counts. */
export function emptyCounts(): StatusCounts {
  return { pending: 0, sending: 0, sent: 0, retrying: 0, failed: 0, dead: 0, letter: 0 };
}

/** Counts the status characters of a page. */
export function countStatus(status: string): StatusCounts {
  const c = emptyCounts();
  for (const ch of status) {
    const key = CHAR_TO_KEY[ch];
    if (key) c[key]++;
  }
  return c;
}

// Sanitises a server reply before it is stored: SMTP replies often quote the address, and the
// notice store must not keep contact data outside the sealed fields.
const EMAIL_PATTERN = /[^\s<>"'@]+@[^\s<>"'@]+/g;

/** An error text without e-mail addresses or control characters, at most 300 characters. */
export function safeErrorText(text: string): string {
  return text
    .replace(EMAIL_PATTERN, '[address]')
    .replace(/[\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** The outcome of one attempt. */
export type AttemptOutcome =
  { ok: true } | { ok: false; kind: SendFailureKind; message: string; code?: number };

/** A page's state, owned by the worker holding the page's claim. */
export class PageState {
  private chars: string[];
  private retries: Map<number, RetryEntry>;
  private failures: FailureEntry[];
  inFlightRecovered: number;
  private templates: Set<string>;
  firstSentAt: Date | null;
  lastSentAt: Date | null;

  constructor(data: PageStateData) {
    this.chars = [...data.status];
    this.retries = new Map(data.retries.map((r) => [r.i, { ...r, n: new Date(r.n) }]));
    this.failures = data.failures.map((f) => ({ ...f }));
    this.inFlightRecovered = data.inFlightRecovered;
    this.templates = new Set(data.templates);
    this.firstSentAt = data.firstSentAt ?? null;
    this.lastSentAt = data.lastSentAt ?? null;
  }

  get size(): number {
    return this.chars.length;
  }

  /** The status character of recipient `i`. */
  statusOf(i: number): string {
    return this.chars[i] ?? '';
  }

  /**
   * Takes over recipients left `sending` by a previous owner that died or lost its lease: their
   * outcome is unknown, so they are sent again (at-least-once) and counted as possible duplicates.
   */
  recoverInFlight(): number {
    let n = 0;
    this.chars.forEach((ch, i) => {
      if (ch !== ITEM_STATUS.sending) return;
      // A recipient that was retrying keeps its attempt count; a first attempt goes back to pending.
      this.chars[i] = this.retries.has(i) ? ITEM_STATUS.retrying : ITEM_STATUS.pending;
      if (this.retries.has(i)) this.retries.get(i)!.n = new Date(0);
      n++;
    });
    this.inFlightRecovered += n;
    return n;
  }

  /** Recipients due now: pending ones, and retrying ones whose next attempt has come. */
  dueIndices(now: Date): number[] {
    const due: number[] = [];
    this.chars.forEach((ch, i) => {
      if (ch === ITEM_STATUS.pending) due.push(i);
      else if (ch === ITEM_STATUS.retrying && this.retries.get(i)!.n.getTime() <= now.getTime()) due.push(i);
    });
    return due;
  }

  /** Marks recipients as in flight; this must be stored before any of them is sent. */
  markSending(indices: readonly number[]): void {
    for (const i of indices) this.chars[i] = ITEM_STATUS.sending;
  }

  /** Attempts made for recipient `i` so far. */
  attemptsOf(i: number): number {
    return this.retries.get(i)?.a ?? 0;
  }

  /** Records the outcome of an attempt on recipient `i`, as the retry policy decides. */
  record(
    i: number,
    outcome: AttemptOutcome,
    now: Date,
    policy: RetryPolicy,
    template?: string,
  ): 'sent' | 'retrying' | 'failed' | 'dead' {
    const attempts = this.attemptsOf(i) + 1;
    const decision = decideAfterAttempt(
      outcome.ok ? { ok: true } : { ok: false, kind: outcome.kind },
      attempts,
      now,
      policy,
    );
    if (decision.status === 'sent') {
      this.chars[i] = ITEM_STATUS.sent;
      this.retries.delete(i);
      if (template) this.templates.add(template);
      this.firstSentAt ??= now;
      this.lastSentAt = now;
      return 'sent';
    }
    const error = outcome.ok ? undefined : safeErrorText(outcome.message);
    if (decision.status === 'pending') {
      this.chars[i] = ITEM_STATUS.retrying;
      this.retries.set(i, { i, a: attempts, n: decision.nextAttemptAt, ...(error ? { e: error } : {}) });
      return 'retrying';
    }
    this.chars[i] = decision.status === 'failed' ? ITEM_STATUS.failed : ITEM_STATUS.dead;
    this.retries.delete(i);
    const code = outcome.ok ? undefined : outcome.code;
    this.failures.push({
      i,
      a: attempts,
      ...(code !== undefined ? { code } : {}),
      ...(error ? { e: error } : {}),
    });
    return decision.status;
  }

  /** Counts by status. */
  counts(): StatusCounts {
    return countStatus(this.chars.join(''));
  }

  /** True while some recipient still needs an attempt (or its outcome is unknown). */
  isOpen(): boolean {
    return this.chars.some(
      (ch) => ch === ITEM_STATUS.pending || ch === ITEM_STATUS.sending || ch === ITEM_STATUS.retrying,
    );
  }

  /** The earliest moment some recipient is due, or null when none is waiting. */
  nextDueAt(): Date | null {
    if (this.chars.some((ch) => ch === ITEM_STATUS.pending || ch === ITEM_STATUS.sending)) return new Date(0);
    let min: number | null = null;
    for (const r of this.retries.values()) if (min === null || r.n.getTime() < min) min = r.n.getTime();
    return min === null ? null : new Date(min);
  }

  /** The stored form. */
  toData(): PageStateData {
    return {
      status: this.chars.join(''),
      retries: [...this.retries.values()].sort((a, b) => a.i - b.i),
      failures: [...this.failures],
      inFlightRecovered: this.inFlightRecovered,
      templates: [...this.templates].sort(),
      firstSentAt: this.firstSentAt,
      lastSentAt: this.lastSentAt,
    };
  }
}
