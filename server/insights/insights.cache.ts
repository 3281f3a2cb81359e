// The insights figures of a year, kept until the data behind them changes (issue 10 and 17).
//
// On the embedded database each projection reads its whole collection (seconds at 10,000
// incidents), while the figures change only when an incident, an assessment, a duty's fulfilment,
// a notice run's event or a letter posting does. So the figures are kept per year and dropped as
// soon as the change feed (models/db/change-feed.ts) reports a write to any of those collections,
// from this process or another; a computation under way when the change arrives is dropped with
// them.
//
// The notice figures count the status characters of a run's pages, which the sending workers
// update without a feed entry (they write often, and only they do); a run's events (start, pause,
// completion) and its letter postings are in the feed, so a run's counts are exact once it has
// ended or paused, and may trail by the e-mails sent since its last event while it is sending.
// The duty figure counts only months that have ended, so figures are kept per year and per number
// of ended months: a month's end passing computes them again.
import type { FeedChanges, ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import { monthEnds } from './insights.aggregate.js';
import { computeFigures, type InsightFigures } from './insights.view-model.js';

class FiguresCache implements ReadModel {
  readonly collections = [
    'incidents',
    'assessments',
    'duty_fulfilments',
    'notice_run_events',
    'notice_letter_postings',
  ] as const;
  private readonly byYear = new Map<string, Promise<InsightFigures>>();

  load(): Promise<void> {
    this.drop();
    return Promise.resolve();
  }

  apply(changes: FeedChanges): Promise<void> {
    if (this.collections.some((c) => changes.has(c))) this.drop();
    return Promise.resolve();
  }

  private drop(): void {
    this.byYear.clear();
  }

  figures(year: number, now: Date): Promise<InsightFigures> {
    const key = `${year}:${monthEnds(year).filter((end) => end <= now).length}`;
    const kept = this.byYear.get(key);
    if (kept) return kept;
    const computing = computeFigures(year, now);
    // A change drops the map, and with it a computation still under way; a failure is not kept.
    this.byYear.set(key, computing);
    computing.catch(() => {
      if (this.byYear.get(key) === computing) this.byYear.delete(key);
    });
    return computing;
  }
}

const cache = new FiguresCache();

/** The figures of `year`, computed again only after the data behind them changed. */
export async function loadFigures(year: number, now: Date = new Date()): Promise<InsightFigures> {
  return (await readModels.use(cache)).figures(year, now);
}
