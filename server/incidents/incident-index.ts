// The incident index: every incident's list facts with its latest assessment and its duty
// fulfilments, held in memory and kept current through the change feed (models/db/change-feed.ts).
// The register, the dashboard, the reminder job and one incident's duties read it instead of
// querying: on FerretDB 1.x every query other than `{_id: value}` reads a whole collection, so a
// register page cost six scans of 10,000 incidents (issue 10). Here a page costs one or two `_id`
// lookups (is there a new feed entry?) plus work in memory.
//
// It also holds what the insights figures read (issue 17): each incident's cause, types, measures
// and closure, every assessment version and every fulfilment's delay reason, so that computing a
// year's figures after a change costs no scan of the database.
//
// Sizes: about 1 KB per incident (the summary and measures are kept), so 10,000 incidents take
// about 10 MB. The index is loaded on first use (or when the app starts, in the background).
import type { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident, type IncidentSource } from '../../models/incident.model.js';
import type {
  Art34Exception,
  BreachType,
  IncidentCause,
  RiskLevel,
} from '../../models/vocabulary/assessment.enums.js';
import type { FeedChanges, ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import { idText, vocabulary, vocabularyList } from '../../models/db/kept-text.js';
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
  // For the insights figures (issue 17): cause, C/I/A types, measures and closure.
  incidentCause: IncidentCause;
  breachTypes: readonly BreachType[];
  measuresTaken?: string | null;
  closingMeasures?: string | null;
  closedAt?: Date | null;
}

/**
 * Reference, summary, reporter and handler in lower case, for the register's text search. Made per
 * search rather than kept: a kept copy cost about 2.5 MB at 10,000 incidents (issue 10, item 5),
 * making it costs a few milliseconds per search over all of them.
 */
export function searchText(i: IndexedIncident): string {
  return [i.reference, i.summary, i.reporterName, i.handlerName ?? ''].join('\n').toLowerCase();
}

/** The latest assessment of an incident, as duties and the risk filter need it. */
export interface LatestAssessment {
  assessmentId: string;
  riskLevel: RiskLevel;
  facts: AssessmentFacts;
}

export interface IndexedFulfilment extends FulfilmentFacts {
  incidentId: string;
  delayReason?: string | null;
}

/** One assessment version as the insights figures read it (every version, not only the latest). */
export interface IndexedAssessmentVersion {
  incidentId: string;
  version: number;
  /** When the version was made: it is in force from then on. */
  at: Date;
  decidedAt: Date;
  riskLevel: RiskLevel;
  awarenessAt?: Date | null;
  duties: { notifyAuthority: boolean; informSubjects: boolean; notifyMinistry: boolean };
  art34Exception?: Art34Exception | null;
  deadlines: { authority?: Date | null; ministry?: Date | null; subjects?: Date | null };
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
  incidentCause: 1,
  breachTypes: 1,
  measuresTaken: 1,
  closingMeasures: 1,
  closedAt: 1,
} as const;
const ASSESSMENT_FIELDS = {
  incidentId: 1,
  version: 1,
  at: 1,
  decidedAt: 1,
  awarenessAt: 1,
  art34Exception: 1,
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
  delayReason: 1,
} as const;

type StoredIncident = Omit<
  IndexedIncident,
  'id' | 'handlerName' | 'personalDataInvolved' | 'source' | 'breachTypes'
> & {
  breachTypes?: BreachType[] | null;
  source?: IncidentSource | null;
  _id: Types.ObjectId;
  handlerName?: string | null;
  personalDataInvolved?: IndexedIncident['personalDataInvolved'] | null;
};

interface StoredAssessment {
  _id: Types.ObjectId;
  incidentId: Types.ObjectId;
  version: number;
  at: Date;
  decidedAt: Date;
  awarenessAt?: Date | null;
  art34Exception?: Art34Exception | null;
  input?: { decidedAt?: unknown } | null;
  duties: AssessmentFacts['duties'];
  deadlines?: AssessmentFacts['deadlines'] | null;
  riskLevel: RiskLevel;
}

interface StoredFulfilment extends FulfilmentFacts {
  _id: Types.ObjectId;
  incidentId: Types.ObjectId;
  delayReason?: string | null;
}

function toIncident(d: StoredIncident): IndexedIncident {
  const handlerName = d.handlerName ?? undefined;
  return {
    id: idText(d._id),
    reference: d.reference,
    year: d.year,
    seq: d.seq,
    status: vocabulary(d.status),
    reportedInternallyAt: d.reportedInternallyAt,
    discoveredAt: d.discoveredAt,
    awarenessAt: d.awarenessAt ?? null,
    personalDataInvolved: vocabulary(d.personalDataInvolved ?? 'unknown'),
    summary: d.summary,
    reporterName: d.reporterName,
    source: vocabulary(d.source ?? 'employee'),
    handlerName,
    incidentCause: d.incidentCause && vocabulary(d.incidentCause),
    breachTypes: vocabularyList(d.breachTypes ?? []),
    measuresTaken: d.measuresTaken ?? null,
    closingMeasures: d.closingMeasures ?? null,
    closedAt: d.closedAt ?? null,
  };
}

function toLatest(a: StoredAssessment): LatestAssessment {
  const anchor = a.input?.decidedAt;
  return {
    assessmentId: idText(a._id),
    riskLevel: vocabulary(a.riskLevel),
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
    incidentId: idText(f.incidentId),
    duty: vocabulary(f.duty),
    outcome: vocabulary(f.outcome),
    at: f.at,
    recordedAt: f.recordedAt,
    late: f.late,
    ref: f.ref,
    complete: f.complete,
    delayReason: f.delayReason ?? null,
  };
}

function toVersion(a: StoredAssessment): IndexedAssessmentVersion {
  return {
    incidentId: idText(a.incidentId),
    version: a.version,
    at: a.at,
    decidedAt: a.decidedAt,
    riskLevel: a.riskLevel,
    awarenessAt: a.awarenessAt ?? null,
    duties: {
      notifyAuthority: a.duties.notifyAuthority,
      informSubjects: a.duties.informSubjects,
      notifyMinistry: a.duties.notifyMinistry,
    },
    art34Exception: a.art34Exception ?? null,
    deadlines: {
      authority: a.deadlines?.authority ?? null,
      ministry: a.deadlines?.ministry ?? null,
      subjects: a.deadlines?.subjects ?? null,
    },
  };
}

/** Every assessment version, per incident and assessment id. */
async function readVersions(): Promise<Map<string, Map<string, StoredAssessment>>> {
  const out = new Map<string, Map<string, StoredAssessment>>();
  for await (const a of Assessment.find()
    .select(ASSESSMENT_FIELDS)
    .lean<StoredAssessment>()
    .cursor({ batchSize: 1000 })) {
    const key = idText(a.incidentId);
    let mine = out.get(key);
    if (!mine) out.set(key, (mine = new Map<string, StoredAssessment>()));
    mine.set(idText(a._id), a);
  }
  return out;
}

/** The highest version among an incident's versions. */
function latestOf(versions: ReadonlyMap<string, StoredAssessment>): StoredAssessment | undefined {
  let latest: StoredAssessment | undefined;
  for (const a of versions.values()) if (!latest || latest.version < a.version) latest = a;
  return latest;
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
  /** Every assessment version per incident (by assessment id), and which incident each belongs to. */
  private readonly versions = new Map<string, Map<string, StoredAssessment>>();
  private readonly versionOwner = new Map<string, string>();
  private readonly fulfilments = new Map<string, Map<string, IndexedFulfilment>>();
  private readonly fulfilmentOwner = new Map<string, string>();
  private ordered: IndexedIncident[] | undefined;
  /** One derived value per incident, with the key it was computed for (a Map per incident cost ~2 MB at 10,000). */
  private readonly memos = new Map<string, { key: string; value: unknown }>();
  /** Values derived from the whole index (e.g. the dashboard's ordered work list); see whole(). */
  private readonly wholes = new Map<string, unknown>();

  /**
   * A value derived from one incident's entries (e.g. its duties), computed once and kept until
   * the incident, its assessment or its fulfilments change, or a value under another key is asked.
   */
  memo<T>(id: string, key: string, compute: () => T): T {
    const mine = this.memos.get(id);
    if (mine?.key === key) return mine.value as T;
    // Another key (e.g. other deadline hours) replaces the value kept: one is in use at a time.
    const value = compute();
    this.memos.set(id, { key, value });
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

  /** Every recorded fulfilment of every incident. */
  allFulfilments(): IndexedFulfilment[] {
    return [...this.fulfilments.values()].flatMap((m) => [...m.values()]);
  }

  /** Every assessment version of every incident (the insights figures follow versions over time). */
  allAssessmentVersions(): IndexedAssessmentVersion[] {
    return [...this.versions.values()].flatMap((m) => [...m.values()].map(toVersion));
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
      .cursor({ batchSize: 1000 })) {
      const incident = toIncident(d);
      fresh.set(incident.id, incident);
    }
    this.incidents.clear();
    for (const [k, v] of fresh) this.incidents.set(k, v);
    this.ordered = undefined;
  }

  async reloadAssessments(): Promise<void> {
    this.memos.clear();
    this.wholes.clear();
    const fresh = await readVersions();
    this.versions.clear();
    this.versionOwner.clear();
    this.latest.clear();
    for (const [incidentId, mine] of fresh) {
      this.versions.set(incidentId, mine);
      for (const id of mine.keys()) this.versionOwner.set(id, incidentId);
      this.settleLatest(incidentId);
    }
  }

  /** Sets an incident's assessment in force from its versions held. */
  private settleLatest(incidentId: string): void {
    const mine = this.versions.get(incidentId);
    const latest = mine ? latestOf(mine) : undefined;
    if (latest) this.latest.set(incidentId, toLatest(latest));
    else {
      this.latest.delete(incidentId);
      this.versions.delete(incidentId);
    }
    this.memos.delete(incidentId);
  }

  /** Holds an assessment version read by `_id` (`a` undefined: it was deleted). */
  private putVersion(id: string, a: StoredAssessment | undefined): void {
    const before = this.versionOwner.get(id);
    if (before !== undefined) {
      this.versions.get(before)?.delete(id);
      this.versionOwner.delete(id);
      this.settleLatest(before);
    }
    if (!a) return;
    const incidentId = idText(a.incidentId);
    let mine = this.versions.get(incidentId);
    if (!mine) this.versions.set(incidentId, (mine = new Map<string, StoredAssessment>()));
    mine.set(id, a);
    this.versionOwner.set(id, incidentId);
    this.settleLatest(incidentId);
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
    for (const f of rows) this.putFulfilment(idText(f._id), toFulfilment(f));
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
            this.putVersion(id, a ?? undefined);
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
