// The incident index: every incident's list facts with its latest assessment and its duty
// fulfilments, held in memory and kept current through the change feed (models/db/change-feed.ts).
// The register, the dashboard, the reminder job and one incident's duties read it instead of
// querying: on FerretDB 1.x every query other than `{_id: value}` reads a whole collection, so a
// register page cost six scans of 10,000 incidents (issue 10). Here a page costs one or two `_id`
// lookups (is there a new feed entry?) plus work in memory.
//
// Sizes: about 1 KB per incident (the summary is kept for search), so 10,000 incidents take about
// 10 MB. The index is loaded on first use (or when the app starts, in the background).
import mongoose, { type Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident, type IncidentSource } from '../../models/incident.model.js';
import type { RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import type { FeedChanges, ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import { runPool } from '../db/concurrency-pool.js';
import type { AssessmentFacts, FulfilmentFacts } from '../duties/duty-status.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';

/** One incident as lists see it. */
export interface IndexedIncident {
  id: string;
  reference: string;
  year: number;
  seq: number;
  status: IncidentStatus;
  reportedInternallyAt: Date;
  /** The first signal; the AP clock runs from it until awareness is recorded (domain.md §10.8 item 7). */
  discoveredAt: Date;
  awarenessAt?: Date | null;
  /** The reporter's answer: "no" means no provisional AP clock before the assessment. */
  personalDataInvolved: 'yes' | 'no' | 'unknown';
  summary: string;
  reporterName: string;
  /** Employee or the public page (issue 15); the inbox shows it. */
  source: IncidentSource;
  handlerName?: string;
  /** reference, summary, reporter and handler in lower case, for the register's text search. */
  search: string;
}

/** The latest assessment of an incident, as duties and the risk filter need it. */
export interface LatestAssessment {
  assessmentId: string;
  riskLevel: RiskLevel;
  facts: AssessmentFacts;
}

export interface IndexedFulfilment extends FulfilmentFacts {
  incidentId: string;
}

const INCIDENT_FIELDS = {
  reference: 1,
  year: 1,
  seq: 1,
  status: 1,
  reportedInternallyAt: 1,
  discoveredAt: 1,
  awarenessAt: 1,
  personalDataInvolved: 1,
  summary: 1,
  reporterName: 1,
  source: 1,
  handlerName: 1,
} as const;
const ASSESSMENT_FIELDS = {
  incidentId: 1,
  version: 1,
  decidedAt: 1,
  awarenessAt: 1,
  'input.decidedAt': 1,
  duties: 1,
  deadlines: 1,
  riskLevel: 1,
} as const;
const FULFILMENT_FIELDS = {
  incidentId: 1,
  duty: 1,
  outcome: 1,
  at: 1,
  recordedAt: 1,
  late: 1,
  ref: 1,
  complete: 1,
} as const;

type StoredIncident = Omit<
  IndexedIncident,
  'id' | 'search' | 'handlerName' | 'personalDataInvolved' | 'source'
> & {
  source?: IncidentSource | null;
  _id: Types.ObjectId;
  handlerName?: string | null;
  personalDataInvolved?: IndexedIncident['personalDataInvolved'] | null;
};

interface StoredAssessment {
  _id: Types.ObjectId;
  incidentId: Types.ObjectId;
  version: number;
  decidedAt: Date;
  awarenessAt?: Date | null;
  input?: { decidedAt?: unknown } | null;
  duties: AssessmentFacts['duties'];
  deadlines?: AssessmentFacts['deadlines'] | null;
  riskLevel: RiskLevel;
}

interface StoredFulfilment extends FulfilmentFacts {
  _id: Types.ObjectId;
  incidentId: Types.ObjectId;
}

function toIncident(d: StoredIncident): IndexedIncident {
  const handlerName = d.handlerName ?? undefined;
  return {
    id: String(d._id),
    reference: d.reference,
    year: d.year,
    seq: d.seq,
    status: d.status,
    reportedInternallyAt: d.reportedInternallyAt,
    discoveredAt: d.discoveredAt,
    awarenessAt: d.awarenessAt ?? null,
    personalDataInvolved: d.personalDataInvolved ?? 'unknown',
    summary: d.summary,
    reporterName: d.reporterName,
    source: d.source ?? 'employee',
    handlerName,
    search: [d.reference, d.summary, d.reporterName, handlerName ?? ''].join('\n').toLowerCase(),
  };
}

function toLatest(a: StoredAssessment): LatestAssessment {
  const anchor = a.input?.decidedAt;
  return {
    assessmentId: String(a._id),
    riskLevel: a.riskLevel,
    facts: {
      version: a.version,
      decidedAt: a.decidedAt,
      awarenessAt: a.awarenessAt ?? null,
      subjectsAnchor: typeof anchor === 'string' ? anchor : null,
      duties: a.duties,
      deadlines: a.deadlines ?? {},
    },
  };
}

function toFulfilment(f: StoredFulfilment): IndexedFulfilment {
  return {
    incidentId: String(f.incidentId),
    duty: f.duty,
    outcome: f.outcome,
    at: f.at,
    recordedAt: f.recordedAt,
    late: f.late,
    ref: f.ref,
    complete: f.complete,
  };
}

/** The latest version of each incident's assessments among those `filter` selects. */
async function latestAssessments(filter: {
  incidentId?: Types.ObjectId;
}): Promise<Map<string, LatestAssessment>> {
  const out = new Map<string, LatestAssessment>();
  for await (const a of Assessment.find(filter)
    .select(ASSESSMENT_FIELDS)
    .lean<StoredAssessment>()
    .cursor({ batchSize: 1000 })) {
    const key = String(a.incidentId);
    const seen = out.get(key);
    if (!seen || seen.facts.version < a.version) out.set(key, toLatest(a));
  }
  return out;
}

/** The index's data; read through `incidentIndex()`, which brings it up to date first. */
export class IncidentIndex implements ReadModel {
  readonly collections = [
    Incident.collection.name,
    Assessment.collection.name,
    DutyFulfilment.collection.name,
  ];
  private readonly incidents = new Map<string, IndexedIncident>();
  private readonly latest = new Map<string, LatestAssessment>();
  private readonly fulfilments = new Map<string, Map<string, IndexedFulfilment>>();
  private readonly fulfilmentOwner = new Map<string, string>();
  private ordered: IndexedIncident[] | undefined;
  private readonly memos = new Map<string, Map<string, unknown>>();
  /** Values derived from the whole index (e.g. the dashboard's ordered work list); see whole(). */
  private readonly wholes = new Map<string, unknown>();

  /**
   * A value derived from one incident's entries (e.g. its duties), computed once and kept until
   * the incident, its assessment or its fulfilments change.
   */
  memo<T>(id: string, key: string, compute: () => T): T {
    let mine = this.memos.get(id);
    if (!mine) this.memos.set(id, (mine = new Map<string, unknown>()));
    if (mine.has(key)) return mine.get(key) as T;
    const value = compute();
    mine.set(key, value);
    return value;
  }

  /**
   * A value derived from every entry (e.g. the dashboard's work list in deadline order), computed
   * once and kept until any incident, assessment or fulfilment changes. `compute` must not depend
   * on the time of the call except through values that only data changes alter.
   */
  whole<T>(key: string, compute: () => T): T {
    if (this.wholes.has(key)) return this.wholes.get(key) as T;
    const value = compute();
    this.wholes.set(key, value);
    return value;
  }

  /** Every incident, newest reference first (year, then number, descending). */
  all(): readonly IndexedIncident[] {
    this.ordered ??= [...this.incidents.values()].sort((a, b) => b.year - a.year || b.seq - a.seq);
    return this.ordered;
  }

  get(id: string): IndexedIncident | undefined {
    return this.incidents.get(id);
  }

  latestAssessment(id: string): LatestAssessment | undefined {
    return this.latest.get(id);
  }

  fulfilmentsOf(id: string): IndexedFulfilment[] {
    return [...(this.fulfilments.get(id)?.values() ?? [])];
  }

  /** The years that have incidents, newest first. */
  years(): number[] {
    return [...new Set(this.all().map((i) => i.year))].sort((a, b) => b - a);
  }

  // --- loading -----------------------------------------------------------------------------

  async reloadIncidents(): Promise<void> {
    this.memos.clear();
    this.wholes.clear();
    const fresh = new Map<string, IndexedIncident>();
    for await (const d of Incident.find()
      .select(INCIDENT_FIELDS)
      .lean<StoredIncident>()
      .cursor({ batchSize: 1000 }))
      fresh.set(String(d._id), toIncident(d));
    this.incidents.clear();
    for (const [k, v] of fresh) this.incidents.set(k, v);
    this.ordered = undefined;
  }

  async reloadAssessments(): Promise<void> {
    this.memos.clear();
    this.wholes.clear();
    const fresh = await latestAssessments({});
    this.latest.clear();
    for (const [k, v] of fresh) this.latest.set(k, v);
  }

  /** Reads one incident's versions again (the one in force was deleted). */
  private async reloadAssessmentsOf(incidentId: string): Promise<void> {
    const one = (await latestAssessments({ incidentId: new mongoose.Types.ObjectId(incidentId) })).get(
      incidentId,
    );
    if (one) this.latest.set(incidentId, one);
    else this.latest.delete(incidentId);
    this.memos.delete(incidentId);
  }

  async reloadFulfilments(): Promise<void> {
    this.memos.clear();
    this.wholes.clear();
    const rows: StoredFulfilment[] = [];
    for await (const f of DutyFulfilment.find()
      .select(FULFILMENT_FIELDS)
      .lean<StoredFulfilment>()
      .cursor({ batchSize: 1000 }))
      rows.push(f);
    this.fulfilments.clear();
    this.fulfilmentOwner.clear();
    for (const f of rows) this.putFulfilment(String(f._id), toFulfilment(f));
  }

  private putFulfilment(id: string, f: IndexedFulfilment): void {
    this.memos.delete(f.incidentId);
    let mine = this.fulfilments.get(f.incidentId);
    if (!mine) this.fulfilments.set(f.incidentId, (mine = new Map<string, IndexedFulfilment>()));
    mine.set(id, f);
    this.fulfilmentOwner.set(id, f.incidentId);
  }

  async load(): Promise<void> {
    await this.reloadIncidents();
    await this.reloadAssessments();
    await this.reloadFulfilments();
  }

  /** Applies feed changes: re-reads each changed document by `_id` (indexed on every backend). */
  async apply(changes: FeedChanges): Promise<void> {
    if (!this.collections.some((c) => changes.has(c))) return;
    // Cleared before and after: a reader that derives while the changes are applied keeps nothing.
    this.wholes.clear();
    try {
      await this.applyEach(changes);
    } finally {
      this.wholes.clear();
    }
  }

  private async applyEach(changes: FeedChanges): Promise<void> {
    for (const [collection, ids] of changes) {
      if (collection === Incident.collection.name) {
        if (ids === 'all') await this.reloadIncidents();
        else
          await runPool([...ids.keys()], 8, async (id) => {
            const d = await Incident.findById(id).select(INCIDENT_FIELDS).lean<StoredIncident>();
            if (d) this.incidents.set(id, toIncident(d));
            else this.incidents.delete(id);
            this.memos.delete(id);
            this.ordered = undefined;
          });
      } else if (collection === Assessment.collection.name) {
        if (ids === 'all') await this.reloadAssessments();
        else
          await runPool([...ids.keys()], 8, async (id) => {
            const a = await Assessment.findById(id).select(ASSESSMENT_FIELDS).lean<StoredAssessment>();
            if (a) {
              const key = String(a.incidentId);
              const seen = this.latest.get(key);
              if (!seen || seen.facts.version <= a.version) this.latest.set(key, toLatest(a));
              this.memos.delete(key);
              return;
            }
            // A deleted assessment: if it was the one in force, read that incident's versions again.
            const owners = [...this.latest]
              .filter(([, l]) => l.assessmentId === id)
              .map(([incidentId]) => incidentId);
            for (const incidentId of owners) await this.reloadAssessmentsOf(incidentId);
          });
      } else if (collection === DutyFulfilment.collection.name) {
        if (ids === 'all') await this.reloadFulfilments();
        else
          await runPool([...ids.keys()], 8, async (id) => {
            const f = await DutyFulfilment.findById(id).select(FULFILMENT_FIELDS).lean<StoredFulfilment>();
            const owner = this.fulfilmentOwner.get(id);
            if (owner) {
              this.fulfilments.get(owner)?.delete(id);
              this.memos.delete(owner);
            }
            this.fulfilmentOwner.delete(id);
            if (f) this.putFulfilment(id, toFulfilment(f));
          });
      }
    }
  }
}

const index = new IncidentIndex();

/** The incident index, brought up to date with every write committed before the call. */
export function incidentIndex(): Promise<IncidentIndex> {
  return readModels.use(index);
}

/** Feed counters of this process's read models (tests check that a page was served by following, not reloading). */
export function incidentIndexStats(): { reloads: number; applied: number } {
  return { ...readModels.stats };
}
