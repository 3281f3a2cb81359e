// The moment the organisation became "aware" of a breach (domain.md §3, EDPB Guidelines 9/2022):
// it cannot precede the first signal (discovery), cannot lie in the future, and a note explaining
// the delay is required when it is more than 24 hours after discovery. Pure.

/** Awareness later than this after discovery needs a written note (domain.md §3, the ~24 h example). */
export const AWARENESS_NOTE_AFTER_MS = 24 * 3600_000;

// A browser clock a few minutes ahead of the server is not an error.
const SKEW_MS = 5 * 60_000;

/** The field errors (message keys) of an awareness decision; empty when it may be recorded. */
export function awarenessProblems(input: {
  discoveredAt: Date;
  awarenessAt: Date;
  note: string | undefined;
  now: Date;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.awarenessAt.getTime() > input.now.getTime() + SKEW_MS)
    problems.awarenessAt = 'field.register.awarenessFuture';
  else if (input.awarenessAt < input.discoveredAt)
    problems.awarenessAt = 'field.register.awarenessBeforeDiscovery';
  if (noteRequired(input.discoveredAt, input.awarenessAt) && !input.note?.trim())
    problems.awarenessNote = 'field.register.awarenessNoteRequired';
  return problems;
}

/** True when awareness is more than 24 h after discovery, so the reason must be written down. */
export function noteRequired(discoveredAt: Date, awarenessAt: Date): boolean {
  return awarenessAt.getTime() - discoveredAt.getTime() > AWARENESS_NOTE_AFTER_MS;
}

/**
 * The moment the AP clock runs from (domain.md §10.8 item 7): the recorded awareness, else
 * discovery — never the internal report, so a late internal report cannot move the deadline later.
 * `provisional` is true while no awareness has been recorded.
 */
export function awarenessAnchor(incident: { awarenessAt?: Date | null | undefined; discoveredAt: Date }): {
  at: Date;
  provisional: boolean;
} {
  return incident.awarenessAt
    ? { at: incident.awarenessAt, provisional: false }
    : { at: incident.discoveredAt, provisional: true };
}

/** Awareness as recorded, defaulting to discovery (domain.md §10.8 item 7). */
export function awarenessOrDiscovery(incident: {
  awarenessAt?: Date | null | undefined;
  discoveredAt: Date;
}): Date {
  return awarenessAnchor(incident).at;
}
