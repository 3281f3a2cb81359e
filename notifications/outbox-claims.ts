// Claims on outbox messages (architecture.md §4): ownership by inserting {messageId, generation}
// under a unique index — the only coordination FerretDB 1.x makes atomic. No claim is ever
// updated except by the worker that inserted it.
import type { Types } from 'mongoose';
import { OutboxClaim } from '../models/outbox-claim.model.js';
import { isDuplicateKeyError } from '../server/db/unique-insert.js';

/**
 * Tries to take an outbox message: inserts the next claim generation unless the latest claim is
 * still held (not released, lease not over). Returns the generation won, or null.
 */
export async function claimOutboxMessage(
  id: Types.ObjectId,
  workerId: string,
  now: Date,
  leaseMs: number,
): Promise<number | null> {
  const latest = await OutboxClaim.findOne({ messageId: id }).sort({ generation: -1 }).lean();
  if (latest && !latest.releasedAt && latest.leaseUntil.getTime() > now.getTime()) return null;
  const generation = (latest?.generation ?? 0) + 1;
  try {
    await OutboxClaim.create({
      messageId: id,
      generation,
      leaseUntil: new Date(now.getTime() + leaseMs),
      workerId,
      claimedAt: now,
    });
    return generation;
  } catch (err) {
    // Another worker inserted this generation first: it owns the message.
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
}

/** True while no later generation has been claimed, i.e. nobody took the message over from us. */
export async function stillOwnsClaim(id: Types.ObjectId, generation: number): Promise<boolean> {
  return !(await OutboxClaim.exists({ messageId: id, generation: { $gt: generation } }));
}

/** Ends our claim so the next attempt need not wait for the lease to run out. */
export async function releaseClaim(id: Types.ObjectId, generation: number, now: Date): Promise<void> {
  await OutboxClaim.updateOne({ messageId: id, generation }, { $set: { releasedAt: now } });
}
