// The register records kept in memory, compressed, for the exports (issue 10 item 3).
//
// A register record is made of an incident and all its assessment versions, fact corrections,
// fulfilments and events. On the embedded database (FerretDB 1.24) reading those collections whole
// costs about 7 s at 10,000 incidents (the database decodes about 33 MB of documents; measured
// alone: 2.9 s incidents, 2.7 s assessments, 1.9 s events), while one incident's documents are a
// few `_id` lookups. So the records are built once, by the first export of a process, and kept;
// the change feed marks the incidents whose documents changed, and an export first builds those
// again from their documents, then streams every record from memory.
//
// They are not built when the app starts: the build holds every assessment and event at once (as
// the export did before), which grew an app process at 10,000 incidents from about 250 MB to
// about 470 MB resident, while building them by `_id` lookups instead took about 30 s.
//
// Each record is kept as V8's serialisation of it (Dates stay Dates), deflated: about 0.8 KB per
// incident, so 10,000 incidents take about 8 MB.
//
// The change feed's safety reload (every 10 minutes) would cost a full build each time; here it
// builds again in the background at most once an hour, while exports go on from the kept records
// and the marks. A reset or a follower far behind drops the records (they may be stale), and the
// next export waits for a fresh build.
//
// The records are also kept on disk, sealed (register-snapshot.ts): a new process starts from that
// file and the change-feed entries written since, instead of a full build.
//
// Builds and refreshes take turns (one queue): a build that started before a change could
// otherwise overwrite the refreshed record with the one it read earlier. Changes marked while a
// build runs stay marked and are refreshed by the next export.
import { deserialize, serialize } from 'node:v8';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import {
  collectChanges,
  feedEntryTime,
  feedHead,
  only,
  type FeedChanges,
  type ReadModel,
  type ReloadReason,
} from '../../models/db/change-feed.js';
import { runPool } from '../db/concurrency-pool.js';
import { readModels } from '../db/read-models.js';
import type { CorrectionFacts } from '../facts/effective-facts.js';
import {
  assessmentsOfIncident,
  eventsOfIncident,
  factCorrectionsOfIncident,
  fulfilmentsOfIncident,
} from '../incidents/incident-children.js';
import {
  EVENT_FIELDS,
  readAllRegisterRecords,
  REGISTER_FIELDS,
  registerRecordOf,
  type RegisterRecord,
  type StoredAssessment,
  type StoredEvent,
  type StoredFulfilment,
} from './register-export.js';
import {
  discardSnapshot,
  readSnapshot,
  saveSnapshot,
  snapshotConfigured,
  type KeptRecord as Kept,
} from './register-snapshot.js';

/**
 * A file more than this many feed entries behind is not brought up to date entry by entry (each is
 * an `_id` lookup): the records are built afresh.
 */
const REPLAY_MAX = 5000;

/** The safety reload builds again at most this often. */
const REBUILD_INTERVAL_MS = 60 * 60_000;

// Every record has the same field names: given to the compressor as a preset dictionary, they cost
// next to nothing per record (measured at 10,000 incidents: 26 MB serialised, 13.5 MB deflated
// alone, 7.4 MB with the dictionary).
const dictionary = serialize(Object.fromEntries(REGISTER_FIELDS.map((f) => [f, null])));
const pack = (r: RegisterRecord): Buffer =>
  deflateRawSync(serialize(r), { level: constants.Z_BEST_SPEED, dictionary });
const unpack = (b: Buffer): RegisterRecord =>
  deserialize(inflateRawSync(b, { dictionary })) as RegisterRecord;

const CHILDREN = [
  Assessment.collection.name,
  DutyFulfilment.collection.name,
  IncidentEvent.collection.name,
  FactCorrection.collection.name,
] as const;
const CHILD_MODELS = {
  [Assessment.collection.name]: Assessment,
  [DutyFulfilment.collection.name]: DutyFulfilment,
  [IncidentEvent.collection.name]: IncidentEvent,
  [FactCorrection.collection.name]: FactCorrection,
} as Record<string, typeof Assessment>;

class RegisterCache implements ReadModel {
  readonly collections = [Incident.collection.name, ...CHILDREN];
  private kept: Map<string, Kept> | undefined;
  private builtAt = 0;
  /** Bumped when everything may have changed: a build under way then keeps nothing. */
  private generation = 0;
  /** Changed incidents, each with the number of its latest mark. */
  private readonly dirty = new Map<string, number>();
  /** Changed documents of the other collections, whose incident is looked up at the next refresh. */
  private readonly dirtyChildren = new Map<string, { collection: string; mark: number }>();
  private marks = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** The feed entry up to which every change has been marked (or built in). */
  private markedUpTo = 0;
  /** The feed entry the file is current with, as far as this process knows. */
  private savedUpTo = 0;
  /** Counters for tests and benchmarks. */
  readonly stats = { builds: 0, refreshed: 0, restored: 0, saved: 0, saveErrors: 0 };

  async load(reason?: ReloadReason): Promise<void> {
    if (reason === 'interval') {
      if (this.kept && Date.now() - this.builtAt < REBUILD_INTERVAL_MS) return;
      // In the background: exports go on from the kept records meanwhile.
      void this.enqueue(() => this.build()).catch(() => undefined);
      return;
    }
    // First use, a reset or far behind: what is kept in memory may be stale. After a reset the
    // file is of another database too; otherwise it is checked against the feed and brought up to date.
    this.dropAll();
    // Positions are of the feed as it was; the file or a build says where the records now stand.
    this.markedUpTo = 0;
    this.savedUpTo = 0;
    if (reason === 'reset') discardSnapshot();
    else await this.enqueue(() => this.restore());
  }

  apply(changes: FeedChanges, upTo?: number): Promise<void> {
    if (upTo !== undefined) this.markedUpTo = Math.max(this.markedUpTo, upTo);
    for (const [collection, ids] of changes) {
      if (ids === 'all') {
        // Any document may have changed or gone (a retention purge): nothing kept may outlive it.
        this.dropAll();
        discardSnapshot();
      } else if (collection === Incident.collection.name)
        for (const id of ids.keys()) this.dirty.set(id, ++this.marks);
      else for (const id of ids.keys()) this.dirtyChildren.set(id, { collection, mark: ++this.marks });
    }
    return Promise.resolve();
  }

  /** The records current as of the call, in register order (year, then number), of one year or all. */
  async records(year?: number): Promise<Iterable<RegisterRecord>> {
    await readModels.use(this);
    const kept = await this.enqueue(() => this.refresh());
    const rows = [...kept.values()]
      .filter((k) => year === undefined || k.year === year)
      .sort((a, b) => a.year - b.year || a.seq - b.seq);
    return (function* () {
      for (const k of rows) yield unpack(k.packed);
    })();
  }

  private dropAll(): void {
    this.generation++;
    this.kept = undefined;
    this.dirty.clear();
    this.dirtyChildren.clear();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async build(): Promise<Map<string, Kept>> {
    const generation = this.generation;
    const conn = Incident.db;
    // The feed's end before reading: every change up to it is in what is read.
    const head = snapshotConfigured() ? await feedHead(conn) : 0;
    const fresh = new Map<string, Kept>();
    for await (const r of readAllRegisterRecords())
      fresh.set(r.id, { year: r.year, seq: r.seq, packed: pack(r.record) });
    this.stats.builds++;
    // Everything changed while it read (e.g. a restore): what it read may be stale.
    if (generation !== this.generation) return this.build();
    this.kept = fresh;
    this.builtAt = Date.now();
    this.markedUpTo = Math.max(this.markedUpTo, head);
    await this.save(head, fresh);
    return fresh;
  }

  /** Writes the records, current as of feed entry `position`, to the file. */
  private async save(position: number, kept: ReadonlyMap<string, Kept>): Promise<void> {
    if (!snapshotConfigured() || position <= 0) return;
    const conn = Incident.db;
    const positionAt = await feedEntryTime(conn, position);
    if (positionAt === undefined) return;
    try {
      saveSnapshot({ database: conn.name, position, positionAt }, kept);
      this.savedUpTo = position;
      this.stats.saved++;
    } catch {
      // Not kept on disk this time (a full or read-only disk): the next build tries again.
      this.stats.saveErrors++;
    }
  }

  /**
   * Starts from the file when it is of this database and at most REPLAY_MAX feed entries behind:
   * the incidents changed since are marked, and the next refresh builds them again.
   */
  private async restore(): Promise<void> {
    const snap = readSnapshot();
    if (!snap) return;
    const conn = Incident.db;
    const { point } = snap;
    if (point.database !== conn.name || (await feedEntryTime(conn, point.position)) !== point.positionAt)
      return;
    const since = await collectChanges(conn, point.position, REPLAY_MAX);
    if (since.more) return;
    const mine = only(since.changes, this.collections);
    if ([...mine.values()].includes('all')) {
      discardSnapshot();
      return;
    }
    this.kept = snap.kept;
    this.builtAt = Date.now();
    this.savedUpTo = point.position;
    this.stats.restored++;
    await this.apply(mine, since.upTo);
  }

  /** Builds the marked incidents' records again from their documents. */
  private async refresh(): Promise<Map<string, Kept>> {
    const kept = this.kept ?? (await this.build());
    // Every change up to here is marked: once they are built again, the records are current with it.
    const upTo = this.markedUpTo;
    // The incidents of changed documents (a deleted document's incident is unknown: build all).
    const children = [...this.dirtyChildren];
    let ownerUnknown = false;
    await runPool(children, 8, async ([id, { collection, mark }]) => {
      const model = CHILD_MODELS[collection]!;
      const d = await model
        .findById(id)
        .select({ incidentId: 1 })
        .lean<{ incidentId?: { toString(): string } }>();
      if (d?.incidentId) this.dirty.set(String(d.incidentId), ++this.marks);
      else ownerUnknown = true;
      if (this.dirtyChildren.get(id)?.mark === mark) this.dirtyChildren.delete(id);
    });
    if (ownerUnknown) {
      this.dropAll();
      return this.build();
    }
    await runPool([...this.dirty], 8, async ([id, mark]) => {
      const record = await readOne(id);
      if (record) kept.set(id, { year: record.year, seq: record.seq, packed: pack(record.record) });
      else kept.delete(id);
      this.stats.refreshed++;
      if (this.dirty.get(id) === mark) this.dirty.delete(id);
    });
    // Brought up to date: the file is written again, so that a new process replays less.
    if (this.kept === kept && upTo > this.savedUpTo) await this.save(upTo, kept);
    return kept;
  }
}

/** One incident's record from its documents, each found by `_id` (null: the incident is gone). */
async function readOne(id: string): Promise<{ year: number; seq: number; record: RegisterRecord } | null> {
  const incident = await Incident.findById(id).lean<IncidentDoc>();
  if (!incident) return null;
  const [assessments, corrections, fulfilments, events] = await Promise.all([
    assessmentsOfIncident.find<StoredAssessment>(id),
    factCorrectionsOfIncident.find<CorrectionFacts>(id),
    fulfilmentsOfIncident.find<StoredFulfilment>(id),
    eventsOfIncident.find<StoredEvent>(id, EVENT_FIELDS),
  ]);
  return {
    year: incident.year,
    seq: incident.seq,
    record: registerRecordOf({ incident, assessments, corrections, fulfilments, events }),
  };
}

const cache = new RegisterCache();

/**
 * Streams the register records of one year (or every year), oldest reference first, as of the
 * call: the kept records, with those of incidents changed since built again first.
 */
export async function* registerRecords(year?: number): AsyncGenerator<RegisterRecord> {
  yield* await cache.records(year);
}

/** Builds, refreshes, restores and saves so far (tests check which path an export took). */
export function registerCacheStats(): RegisterCacheStats {
  return { ...cache.stats };
}
export type RegisterCacheStats = RegisterCache['stats'];
