// Recording the intent to send (architecture.md §1: requests record intent; a worker sends).
// Idempotent by construction: the outbox key is unique, so enqueuing the same intent twice — a
// retried request, a job run twice — stores one message.
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { z } from 'zod';
import { OutboxMessage, type OutboxMessageDoc } from '../models/outbox-message.model.js';
import { isDuplicateKeyError } from '../models/db/unique-insert.js';
import { markDue, unmarkDue } from './outbox-due.js';
import {
  parseMailData,
  isMailLang,
  isMailTemplateName,
  type MailData,
  type MailLang,
  type MailTemplateName,
} from './mail-types.js';

/** What a feature asks to be sent. */
export interface EnqueueMailInput<N extends MailTemplateName = MailTemplateName> {
  /** Idempotency key naming the intent, e.g. `report-receipt:DL-2026-0007`. */
  key: string;
  template: N;
  lang: MailLang;
  to: readonly string[];
  /** Template data; checked against the email type's schema here, at the edge. */
  data: MailData<N>;
  /** What the mail is for; defaults to `transactional`. */
  kind?: string;
  incidentId?: Types.ObjectId | string;
  /** Earliest moment to send (defaults to `now`). */
  notBefore?: Date;
}

/** The stored message, and whether this call created it (false: the key existed already). */
export interface EnqueueResult {
  message: OutboxMessageDoc;
  created: boolean;
}

/** Addresses one outbox message may carry; callers with more split them (each part its own key). */
export const MAX_RECIPIENTS = 50;
const keySchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\p{Cc}\s]+$/u, 'no spaces or control characters');
const recipientsSchema = z.array(z.email()).min(1).max(MAX_RECIPIENTS);
const kindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,49}$/);

/** The deterministic Message-ID of the mail with this outbox key: a redelivery carries the same one. */
export function messageIdForKey(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex')}@meldpunt>`;
}

/**
 * Stores a mail in the outbox for the worker to send. Enqueuing an existing key stores nothing and
 * returns the message already stored. Throws (ZodError) on invalid recipients or template data.
 */
export async function enqueueMail<N extends MailTemplateName>(
  input: EnqueueMailInput<N>,
  now: Date,
): Promise<EnqueueResult> {
  const key = keySchema.parse(input.key);
  if (!isMailTemplateName(input.template))
    throw new Error(`outbox: unknown email type ${String(input.template)}`);
  if (!isMailLang(input.lang)) throw new Error(`outbox: unknown language ${String(input.lang)}`);
  // Lower-cased and de-duplicated so one person does not get the same mail twice in one message.
  const to = [...new Set(recipientsSchema.parse(input.to.map((a) => a.trim())).map((a) => a.toLowerCase()))];
  const kind = kindSchema.parse(input.kind ?? 'transactional');
  const data = parseMailData(input.template, input.data);
  const _id = new Types.ObjectId();
  const nextAttemptAt = input.notBefore ?? now;
  // The due marker first: a crash between the two writes leaves a marker without a message (the
  // worker removes it), never a message no worker looks at.
  await markDue(_id, nextAttemptAt);
  try {
    const created = await OutboxMessage.create({
      _id,
      key,
      kind,
      template: input.template,
      lang: input.lang,
      to,
      data,
      status: 'pending',
      attempts: 0,
      nextAttemptAt,
      claimGeneration: 0,
      messageId: messageIdForKey(key),
      incidentId: input.incidentId,
      createdAt: now,
      updatedAt: now,
    });
    return { message: created.toObject<OutboxMessageDoc>(), created: true };
  } catch (err) {
    await unmarkDue(_id);
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await OutboxMessage.findOne({ key }).lean<OutboxMessageDoc>();
    if (!existing) throw err;
    return { message: existing, created: false };
  }
}
