// The insights figures of a year, kept until the data behind them changes (issue 10 and 17).
//
// On the embedded database each of the three projections reads its whole collection (seconds at
// 10,000 incidents), while the figures change only when an incident, an assessment or a duty's
// fulfilment does. So the figures are kept per year and dropped as soon as the change feed
// (models/db/change-feed.ts) reports a write to any of those collections, from this process or
// another; a computation under way when the change arrives is dropped with them.
import type { FeedChanges, ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import { computeFigures, type InsightFigures } from './insights.view-model.js';

class FiguresCache implements ReadModel {
  readonly collections = ['incidents', 'assessments', 'duty_fulfilments'] as const;
  private readonly byYear = new Map<number, Promise<InsightFigures>>();

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

  figures(year: number): Promise<InsightFigures> {
    const kept = this.byYear.get(year);
    if (kept) return kept;
    const computing = computeFigures(year);
    // A change drops the map, and with it a computation still under way; a failure is not kept.
    this.byYear.set(year, computing);
    computing.catch(() => {
      if (this.byYear.get(year) === computing) this.byYear.delete(year);
    });
    return computing;
  }
}

const cache = new FiguresCache();

/** The figures of `year`, computed again only after the data behind them changed. */
export async function loadFigures(year: number): Promise<InsightFigures> {
  return (await readModels.use(cache)).figures(year);
}
