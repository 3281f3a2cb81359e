// Sending progress of a notice run, derived on read (architecture.md §3 rule 4): counts from the
// page states, rate from the time spent sending, time left from the rate. Pure.
import { countStatus, emptyCounts, type StatusCounts } from './page-state.js';

/** The progress figures of a run. */
export interface RunProgress {
  /** Recipients in the run (known once the enqueue step has finished; otherwise those written so far). */
  total: number;
  enqueued: boolean;
  counts: StatusCounts;
  /** Waiting for a first attempt or in flight. */
  pending: number;
  /** Final: sent, failed for good, or letter from the start. */
  done: number;
  /** E-mails that failed for good (failed + dead). */
  failed: number;
  /** Recipients for the letters list: no e-mail address, or e-mail failed for good. */
  letters: number;
  inFlightRecovered: number;
  /** Messages per second while sending; null before anything was sent. */
  ratePerSecond: number | null;
  /** Seconds until the e-mails still to send are done at the current rate; null when unknown. */
  secondsLeft: number | null;
  percent: number;
}

/** Derives the progress of a run from its page states. */
export function deriveProgress(
  heads: readonly { status: string; inFlightRecovered: number }[],
  enqueue: { recipients: number } | null,
  sendingMs: number,
): RunProgress {
  const counts = emptyCounts();
  let inFlightRecovered = 0;
  let written = 0;
  for (const h of heads) {
    const c = countStatus(h.status);
    for (const k of Object.keys(c) as (keyof StatusCounts)[]) counts[k] += c[k];
    inFlightRecovered += h.inFlightRecovered;
    written += h.status.length;
  }
  const total = enqueue ? enqueue.recipients : written;
  // Recipients not yet written to a page are pending too.
  const notWritten = Math.max(0, total - written);
  const pending = counts.pending + counts.sending + notWritten;
  const failed = counts.failed + counts.dead;
  const done = counts.sent + failed + counts.letter;
  const ratePerSecond = counts.sent > 0 && sendingMs > 0 ? counts.sent / (sendingMs / 1000) : null;
  const toSend = pending + counts.retrying;
  const secondsLeft = ratePerSecond ? Math.ceil(toSend / ratePerSecond) : toSend === 0 ? 0 : null;
  return {
    total,
    enqueued: !!enqueue,
    counts,
    pending,
    done,
    failed,
    letters: counts.letter + failed,
    inFlightRecovered,
    ratePerSecond: ratePerSecond === null ? null : Math.round(ratePerSecond * 10) / 10,
    secondsLeft,
    percent: total ? Math.floor((done / total) * 100) : enqueue ? 100 : 0,
  };
}
