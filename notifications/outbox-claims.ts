// Claims on outbox messages (architecture.md §4), through the shared lease claims
// (server/db/lease-claims.ts): a worker owns a message by inserting {messageId, generation}.
import type { Types } from 'mongoose';
import { OutboxClaim } from '../models/outbox-claim.model.js';
import { leaseClaims } from '../server/db/lease-claims.js';

const claims = leaseClaims({ model: OutboxClaim, itemField: 'messageId', holderField: 'workerId' });

/**
 * Tries to take an outbox message: inserts the next claim generation unless the latest claim is
 * still held (not released, lease not over). Returns the generation won, or null.
 */
export function claimOutboxMessage(
  id: Types.ObjectId,
  workerId: string,
  now: Date,
  leaseMs: number,
): Promise<number | null> {
  return claims.take(id, workerId, now, leaseMs);
}

/** True while no later generation has been claimed, i.e. nobody took the message over from us. */
export function stillOwnsClaim(id: Types.ObjectId, generation: number): Promise<boolean> {
  return claims.stillOwns(id, generation);
}

/** Ends our claim so the next attempt need not wait for the lease to run out. */
export function releaseClaim(id: Types.ObjectId, generation: number, now: Date): Promise<void> {
  return claims.release(id, generation, now);
}
