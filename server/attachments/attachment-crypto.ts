// Encryption at rest of evidence files (domain.md §10.2 "stored encrypted"): AES-256-GCM per chunk.
// Each file gets its own key, derived with HKDF from the master secret and a random per-file salt;
// each chunk gets a random nonce, and its additional authenticated data binds it to its file and
// position, so a chunk that is altered, swapped or moved fails to decrypt.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'meldpunt attachment v1';

/** A sealed chunk as stored. */
export interface SealedChunk {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

/** A short fingerprint of the master secret, stored with each file (never the secret itself). */
export function keyFingerprint(secret: string): string {
  return createHash('sha256').update(`meldpunt-attachment-key-id:${secret}`).digest('hex').slice(0, 16);
}

/** A fresh random salt for a new file. */
export function newSalt(): Buffer {
  return randomBytes(16);
}

/** The file key for one attachment. */
export function fileKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, INFO, 32));
}

function aad(attachmentId: string, n: number): Buffer {
  return Buffer.from(`${attachmentId}:${n}`, 'utf8');
}

/** Encrypts chunk `n` of an attachment. */
export function sealChunk(key: Buffer, attachmentId: string, n: number, plaintext: Buffer): SealedChunk {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(attachmentId, n));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** Decrypts and authenticates chunk `n`; throws when it was altered, moved or sealed with another key. */
export function openChunk(key: Buffer, attachmentId: string, n: number, chunk: SealedChunk): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, chunk.iv);
  decipher.setAAD(aad(attachmentId, n));
  decipher.setAuthTag(chunk.tag);
  return Buffer.concat([decipher.update(chunk.data), decipher.final()]);
}
