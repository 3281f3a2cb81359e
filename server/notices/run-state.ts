// The state machine of a notice run (issue 7 items 3–4), pure: the state is the fold of the run's
// events, and whether an event may follow is decided here for the services and the worker alike.
import type { NoticeRunEventType } from '../../models/notice-run-event.model.js';

export type RunState = 'draft' | 'approved' | 'sending' | 'paused' | 'completed' | 'cancelled';

/** What an approval fixes: the exact template versions and texts (domain.md §10.7 "template version"). */
export interface ApprovalPins {
  templates: { lang: string; id: string; version: number; hash: string }[];
  textVersion: number;
  textHash: string;
  /**
   * The flags of personal data the approver confirmed ('' when there were none; absent in approvals
   * given before this check existed). Sending is refused when the texts flag anything else by then,
   * e.g. a name from persons added to the list since (issue 12, problem 5).
   */
  personalData?: string;
}

/** How fast and how carefully to send. */
export interface SendSettings {
  /** Messages in flight at once per worker. */
  concurrency: number;
  /** Messages per second per worker; 0 = no limit. */
  ratePerSecond: number;
  /** Failures in a row that pause the run; 0 = never. */
  failureThreshold: number;
}

/** An event as the fold needs it. */
export interface RunEventLike {
  seq: number;
  type: string;
  at: Date;
  byId: string;
  byName: string;
  reason?: string | null;
  details?: unknown;
}

/** The derived state of a run. */
export interface RunSnapshot {
  state: RunState;
  /** Seq of the last event (the next event takes seq + 1). */
  seq: number;
  approval: { byId: string; byName: string; at: Date; pins: ApprovalPins } | null;
  /** The last approval given, even if voided since (what was sent so far was sent under it). */
  lastApproval: { byId: string; byName: string; at: Date; pins: ApprovalPins } | null;
  /** True once sending was started (the recipients are then frozen in pages). */
  started: boolean;
  firstStartedAt: Date | null;
  settings: SendSettings | null;
  /** Why the run is paused, or why its approval was last voided. */
  pauseReason: string | null;
  voidReason: string | null;
  endedAt: Date | null;
  /** Time spent in `sending` up to the last event, and since when it is sending now. */
  sendingMs: number;
  sendingSince: Date | null;
}

const FROM: Record<string, readonly RunState[]> = {
  approved: ['draft'],
  approval_voided: ['approved', 'sending', 'paused'],
  started: ['approved'],
  paused: ['sending'],
  resumed: ['paused'],
  cancelled: ['draft', 'approved', 'sending', 'paused'],
  completed: ['sending'],
};

const TO: Record<string, RunState> = {
  created: 'draft',
  approved: 'approved',
  approval_voided: 'draft',
  started: 'sending',
  paused: 'paused',
  resumed: 'sending',
  cancelled: 'cancelled',
  completed: 'completed',
};

/** True when an event of `type` may follow the snapshot. */
export function canApply(snapshot: RunSnapshot | null, type: NoticeRunEventType): boolean {
  if (type === 'created') return snapshot === null;
  if (!snapshot) return false;
  return (FROM[type] ?? []).includes(snapshot.state);
}

/** Folds events (in seq order) into the run's state. */
export function foldRunEvents(events: readonly RunEventLike[]): RunSnapshot | null {
  let s: RunSnapshot | null = null;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (!s) {
      s = {
        state: 'draft',
        seq: e.seq,
        approval: null,
        lastApproval: null,
        started: false,
        firstStartedAt: null,
        settings: null,
        pauseReason: null,
        voidReason: null,
        endedAt: null,
        sendingMs: 0,
        sendingSince: null,
      };
      continue;
    }
    const next = TO[e.type];
    if (!next) continue;
    if (s.sendingSince && next !== 'sending') {
      s.sendingMs += Math.max(0, e.at.getTime() - s.sendingSince.getTime());
      s.sendingSince = null;
    }
    const details = (e.details ?? {}) as { pins?: ApprovalPins; settings?: SendSettings };
    switch (e.type) {
      case 'approved':
        s.approval = { byId: e.byId, byName: e.byName, at: e.at, pins: details.pins! };
        s.lastApproval = s.approval;
        s.voidReason = null;
        break;
      case 'approval_voided':
        s.approval = null;
        s.voidReason = e.reason ?? null;
        break;
      case 'started':
      case 'resumed':
        s.started = true;
        s.firstStartedAt ??= e.at;
        s.settings = details.settings ?? s.settings;
        s.pauseReason = null;
        s.sendingSince ??= e.at;
        break;
      case 'paused':
        s.pauseReason = e.reason ?? null;
        break;
      case 'cancelled':
      case 'completed':
        s.endedAt = e.at;
        break;
    }
    s.state = next;
    s.seq = e.seq;
  }
  return s;
}

/** Milliseconds spent sending up to `now` (for the sending rate). */
export function sendingMsAt(s: RunSnapshot, now: Date): number {
  return s.sendingMs + (s.sendingSince ? Math.max(0, now.getTime() - s.sendingSince.getTime()) : 0);
}

/** Why an approval by `approverId` is refused (four-eyes), or null when it may be given. */
export function approvalRefusal(
  run: { createdById: string },
  textAuthorIds: readonly string[],
  approverId: string,
  templateAuthorIds: readonly (string | null | undefined)[] = [],
): 'own-notice' | 'own-template' | null {
  // The approver must not have written the notice: not the run's creator, nor any text's author,
  // nor the author of a template version the approval would pin (issue 11 item 9).
  if (run.createdById === approverId || textAuthorIds.includes(approverId)) return 'own-notice';
  if (templateAuthorIds.includes(approverId)) return 'own-template';
  return null;
}

/** The current template and text versions, as checked against an approval's pins. */
export interface CurrentVersions {
  /** Latest version per language, with the hash recomputed from the stored content. */
  templates: Map<string, { id: string; version: number; hash: string }>;
  /** Recomputed hashes of the pinned template documents, by id (absent: the document is gone). */
  pinnedContentHashes: Map<string, string>;
  text: { version: number; hash: string } | null;
}

/** Why the pins no longer hold (a template or the texts changed since approval), or null. */
export function pinsProblem(
  pins: ApprovalPins,
  current: CurrentVersions,
): 'template-changed' | 'texts-changed' | null {
  for (const p of pins.templates) {
    const latest = current.templates.get(p.lang);
    if (!latest || latest.id !== p.id || latest.version !== p.version || latest.hash !== p.hash)
      return 'template-changed';
    // A pinned version altered in the database (not through an edit) is caught by its content hash.
    if (current.pinnedContentHashes.get(p.id) !== p.hash) return 'template-changed';
  }
  if (!current.text || current.text.version !== pins.textVersion || current.text.hash !== pins.textHash)
    return 'texts-changed';
  return null;
}
