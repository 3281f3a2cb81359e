// The insights figures of a year, kept until the data behind them changes (issue 10 and 17).
//
// On the embedded database each projection reads its whole collection (seconds at 10,000
// incidents), and drawing the charts costs about a tenth of a second, while the figures change only
// when an incident, an assessment, a duty's fulfilment, a notice run's event or a letter posting
// does. So the figures and the drawn page are kept per year (and language and audience) and dropped
// as soon as the change feed (models/db/change-feed.ts) reports a write to any of those
// collections, from this process or another; a computation under way when the change arrives is
// dropped with them.
//
// The notice figures count the status characters of a run's pages, which the sending workers
// update without a feed entry (they write often, and only they do); a run's events (start, pause,
// completion) and its letter postings are in the feed, so a run's counts are exact once it has
// ended or paused, and may trail by the e-mails sent since its last event while it is sending.
// The duty figure counts only months that have ended, so everything is kept per number of ended
// months as well: a month's end passing computes it again.
import type { FeedChanges, ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import type { Lang } from '../i18n/i18n.js';
import { monthEnds } from './insights.aggregate.js';
import {
  computeFigures,
  forAudience,
  insightsView,
  type InsightFigures,
  type InsightsAudience,
} from './insights.view-model.js';

class InsightsCache implements ReadModel {
  readonly collections = [
    'incidents',
    'assessments',
    'duty_fulfilments',
    'notice_run_events',
    'notice_letter_postings',
  ] as const;
  private readonly kept = new Map<string, Promise<unknown>>();

  load(): Promise<void> {
    this.kept.clear();
    return Promise.resolve();
  }

  apply(changes: FeedChanges): Promise<void> {
    if (this.collections.some((c) => changes.has(c))) this.kept.clear();
    return Promise.resolve();
  }

  /** The value under `key`, computed when not kept; a failure is not kept. */
  keep<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.kept.get(key);
    if (kept) return kept as Promise<T>;
    const computing = compute();
    this.kept.set(key, computing);
    computing.catch(() => {
      if (this.kept.get(key) === computing) this.kept.delete(key);
    });
    return computing;
  }
}

const cache = new InsightsCache();

/** The year and how many of its months have ended by `now`. */
const yearKey = (year: number, now: Date) => `${year}:${monthEnds(year).filter((end) => end <= now).length}`;

/** The figures of `year`, computed again only after the data behind them changed. */
export async function loadFigures(year: number, now: Date = new Date()): Promise<InsightFigures> {
  return (await readModels.use(cache)).keep(`figures:${yearKey(year, now)}`, () => computeFigures(year, now));
}

/** The insights page's view of `year` for an audience in a language, kept like the figures. */
export async function loadInsightsView(
  year: number,
  now: Date,
  lang: Lang,
  audience: InsightsAudience,
): Promise<Awaited<ReturnType<typeof insightsView>>> {
  const who = audience.readOnly ? 'read-only' : 'full';
  return (await readModels.use(cache)).keep(`view:${yearKey(year, now)}:${lang}:${who}`, async () =>
    insightsView(forAudience(await loadFigures(year, now), audience), lang, audience),
  );
}
