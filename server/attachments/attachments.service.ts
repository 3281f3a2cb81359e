// Evidence attachments (issue 3 item 3; domain.md §10.2 "stored encrypted, access-logged"): a file
// is streamed into sealed chunks in the database, never held whole in memory; only the incident's
// reporter and privacy officers can upload or download; every upload and download is audited.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { Attachment, type AttachmentDoc } from '../../models/attachment.model.js';
import { AttachmentChunk } from '../../models/attachment-chunk.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor, type ActionContext } from '../context.js';
import { AppError, ConflictError, NotFoundError } from '../errors.js';
import { findReadableIncident, isObjectIdString } from '../incidents/incident-access.js';
import { cleanFilename, contentMatches, contentTypeFor, type FileProblem } from './attachment-policy.js';
import { fileKey, keyFingerprint, newSalt, openChunk, sealChunk } from './attachment-crypto.js';
import { auditAction } from '../audit/audit-action.js';

/** Plaintext bytes per stored chunk (well under the 16 MB document limit). */
export const CHUNK_SIZE = 255 * 1024;

const PROBLEM_STATUS: Record<FileProblem, number> = {
  type: 415,
  content: 415,
  empty: 400,
  tooLarge: 413,
  name: 400,
};

/** An upload that was refused; `problem` says why (shown to the user as a clear message). */
export class AttachmentRejectedError extends AppError {
  constructor(
    readonly problem: FileProblem,
    readonly maxBytes?: number,
  ) {
    super(PROBLEM_STATUS[problem], `ATTACHMENT_${problem.toUpperCase()}`, `attachments.error.${problem}`);
  }
}

/** An attachment as lists show it. */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedByName: string;
}

function toView(a: AttachmentDoc): AttachmentView {
  return {
    id: String(a._id),
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256 ?? '',
    uploadedAt: a.uploadedAt,
    uploadedByName: a.uploadedByName,
  };
}

/** What an upload needs besides the acting user. */
export interface UploadInput {
  incidentId: string;
  filename: string;
  stream: AsyncIterable<Buffer | string>;
  secret: string;
  maxBytes: number;
}

/** Streams one file into sealed chunks; throws AttachmentRejectedError (nothing kept) when refused. */
export async function storeAttachment(input: UploadInput, ctx: ActionContext): Promise<AttachmentView> {
  const incident = await findReadableIncident(input.incidentId, ctx, 'attachment.upload');
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'incidents.error.closed');
  const filename = cleanFilename(input.filename);
  if (!filename) throw await refused('name', incident, ctx, input.filename);
  const contentType = contentTypeFor(filename);
  if (!contentType) throw await refused('type', incident, ctx, filename);

  const salt = newSalt();
  const doc = await Attachment.create({
    incidentId: incident._id,
    reference: incident.reference,
    filename,
    contentType,
    status: 'uploading',
    keyId: keyFingerprint(input.secret),
    salt,
    uploadedById: ctx.user.id,
    uploadedByName: ctx.user.name,
    uploadedAt: ctx.now,
  });
  const id = String(doc._id);
  const key = fileKey(input.secret, salt);
  const hash = createHash('sha256');
  let size = 0;
  let n = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (piece: Buffer) => {
    if (n === 0 && !contentMatches(filename, piece)) throw new AttachmentRejectedError('content');
    await AttachmentChunk.create({ attachmentId: doc._id, n, ...sealChunk(key, id, n, piece) });
    n++;
  };
  try {
    for await (const part of input.stream) {
      const buf = typeof part === 'string' ? Buffer.from(part) : part;
      size += buf.length;
      if (size > input.maxBytes) throw new AttachmentRejectedError('tooLarge', input.maxBytes);
      hash.update(buf);
      pending.push(buf);
      pendingBytes += buf.length;
      while (pendingBytes >= CHUNK_SIZE) {
        const all = Buffer.concat(pending);
        await flush(all.subarray(0, CHUNK_SIZE));
        pending = [all.subarray(CHUNK_SIZE)];
        pendingBytes = pending[0]!.length;
      }
    }
    if (size === 0) throw new AttachmentRejectedError('empty');
    if (pendingBytes > 0) await flush(Buffer.concat(pending));
  } catch (err) {
    // Nothing of a refused or interrupted upload is kept; the attachment row records why.
    await AttachmentChunk.deleteMany({ attachmentId: doc._id });
    const problem = err instanceof AttachmentRejectedError ? err.problem : 'interrupted';
    await Attachment.updateOne({ _id: doc._id }, { $set: { status: 'rejected', rejectedReason: problem } });
    await auditUpload(incident, ctx, id, 'failure', { filename, reason: problem });
    throw err;
  }
  const sha256 = hash.digest('hex');
  await Attachment.updateOne({ _id: doc._id }, { $set: { status: 'complete', size, chunkCount: n, sha256 } });
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'attachment-added',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    data: { attachmentId: id, filename },
  });
  await auditUpload(incident, ctx, id, 'success', { filename, size, contentType, sha256 });
  return toView({ ...doc.toObject(), size, chunkCount: n, sha256, status: 'complete' });
}

async function refused(
  problem: FileProblem,
  incident: { _id: Types.ObjectId; reference: string },
  ctx: ActionContext,
  filename: string,
): Promise<AttachmentRejectedError> {
  await auditUpload(incident, ctx, undefined, 'failure', {
    filename: filename.slice(0, 255),
    reason: problem,
  });
  return new AttachmentRejectedError(problem);
}

async function auditUpload(
  incident: { _id: Types.ObjectId; reference: string },
  ctx: ActionContext,
  attachmentId: string | undefined,
  result: 'success' | 'failure',
  details: Record<string, unknown>,
): Promise<void> {
  await auditAction(ctx, {
    action: 'attachment.upload',
    object: { type: 'attachment', id: attachmentId, ref: incident.reference },
    result,
    details: { incidentId: String(incident._id), ...details },
  });
}

/** The complete attachments of an incident the caller has already been allowed to read. */
export async function listAttachments(incidentId: Types.ObjectId | string): Promise<AttachmentView[]> {
  const rows = await Attachment.find({ incidentId, status: 'complete' })
    .sort({ uploadedAt: 1 })
    .lean<AttachmentDoc[]>();
  return rows.map(toView);
}

/** An attachment opened for download: its metadata and its decrypted content, chunk by chunk. */
export interface OpenedAttachment {
  meta: AttachmentView;
  content: AsyncGenerator<Buffer>;
}

/** Opens an attachment for its incident's reporter or a privacy officer; the download is audited. */
export async function openAttachment(
  id: unknown,
  secret: string,
  ctx: ActionContext,
): Promise<OpenedAttachment> {
  if (!isObjectIdString(id)) throw new NotFoundError();
  const att = await Attachment.findOne({ _id: id, status: 'complete' }).lean<AttachmentDoc>();
  if (!att) throw new NotFoundError();
  const incident = await findReadableIncident(String(att.incidentId), ctx, 'attachment.download');
  if (att.keyId !== keyFingerprint(secret)) {
    await recordAudit(downloadAudit(att, incident._id, ctx, 'failure', { reason: 'key' }), ctx.now);
    throw new Error(`attachment ${id} was sealed with another ATTACHMENT_KEY (key id ${att.keyId})`);
  }
  await recordAudit(
    downloadAudit(att, incident._id, ctx, 'success', { filename: att.filename, size: att.size }),
    ctx.now,
  );
  return { meta: toView(att), content: decryptChunks(att, secret) };
}

function downloadAudit(
  att: AttachmentDoc,
  incidentId: Types.ObjectId,
  ctx: ActionContext,
  result: 'success' | 'failure',
  details: Record<string, unknown>,
) {
  return {
    actor: auditActor(ctx.user),
    origin: ctx.origin,
    action: 'attachment.download',
    object: { type: 'attachment', id: String(att._id), ref: att.reference },
    result,
    details: { incidentId: String(incidentId), ...details },
  };
}

async function* decryptChunks(att: AttachmentDoc, secret: string): AsyncGenerator<Buffer> {
  const key = fileKey(secret, toBuffer(att.salt));
  const id = String(att._id);
  let expected = 0;
  for await (const chunk of AttachmentChunk.find({ attachmentId: att._id })
    .sort({ n: 1 })
    .lean()
    .cursor({ batchSize: 4 })) {
    // A missing or extra chunk is tampering just like an altered one.
    if (chunk.n !== expected) throw new Error(`attachment ${id}: chunk ${expected} is missing`);
    yield openChunk(key, id, chunk.n, {
      iv: toBuffer(chunk.iv),
      tag: toBuffer(chunk.tag),
      data: toBuffer(chunk.data),
    });
    expected++;
  }
  if (expected !== att.chunkCount)
    throw new Error(`attachment ${id}: ${att.chunkCount - expected} chunk(s) missing at the end`);
}

// Lean reads return BSON Binary values for Buffer fields; hydrated documents return Buffers.
function toBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  const inner = (v as { buffer?: unknown } | null)?.buffer;
  if (inner instanceof Uint8Array) return Buffer.from(inner.buffer, inner.byteOffset, inner.byteLength);
  throw new Error('attachment: stored bytes have an unexpected type');
}
