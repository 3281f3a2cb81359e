// The attachments block of the incident pages.
import { ALLOWED_EXTENSIONS } from './attachment-policy.js';
import type { AttachmentView } from './attachments.service.js';

/** A human file size: 512 B, 12.3 kB, 4.5 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the incident-attachments partial needs. */
export function attachmentsBlock(opts: { attachments: AttachmentView[]; incidentId: string; returnTo: string; canUpload: boolean; maxBytes: number }) {
  return {
    attachments: opts.attachments.map((a) => ({ ...a, sizeText: sizeText(a.size) })),
    incidentId: opts.incidentId,
    returnTo: opts.returnTo,
    canUpload: opts.canUpload,
    maxMb: Math.round((opts.maxBytes / 1024 / 1024) * 10) / 10,
    allowed: ALLOWED_EXTENSIONS.join(', '),
  };
}
