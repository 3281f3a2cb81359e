// Claims on outbox messages (architecture.md §4), through the shared lease claims
// (server/db/lease-claims.ts): a worker owns a message by inserting the claim of the next
// generation under the `_id` `<message id>:<generation>` (models/outbox-claim.model.ts).
import type { Types } from 'mongoose';
import { OutboxClaim } from '../models/outbox-claim.model.js';
import { itemClaimsById } from '../server/db/lease-claims.js';

/** The outbox's claims (exported for the coordination tests). */
export const outboxClaims = itemClaimsById(OutboxClaim, 'messageId', 'workerId');

/**
 * Tries to take an outbox message: inserts the next claim generation unless the latest claim is
 * still held (not released, lease not over). Returns the generation won, or null. The latest claim
 * is found by reading generations 1, 2, … by `_id`: a message has as many as it had attempts.
 */
export function claimOutboxMessage(
  id: Types.ObjectId,
  workerId: string,
  now: Date,
  leaseMs: number,
): Promise<number | null> {
  return outboxClaims.take(id, workerId, now, leaseMs);
}

/** True while no later generation has been claimed, i.e. nobody took the message over from us. */
export function stillOwnsClaim(id: Types.ObjectId, generation: number): Promise<boolean> {
  return outboxClaims.stillOwns(id, generation);
}

/** Ends our claim so the next attempt need not wait for the lease to run out. */
export function releaseClaim(id: Types.ObjectId, generation: number, now: Date): Promise<void> {
  return outboxClaims.release(id, generation, now);
}
