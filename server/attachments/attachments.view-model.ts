// The attachments block of the incident pages.
import type { Lang } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/numbers.js';
import { ALLOWED_EXTENSIONS } from './attachment-policy.js';
import type { AttachmentView } from './attachments.service.js';

/** A human file size in the page's language: 512 B, 12,3 kB, 4,5 MB (Dutch) or 12.3 kB (English). */
export function sizeText(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10, lang, 1)} kB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lang, 1)} MB`;
}

/** The upload limit in megabytes, as the page's language writes it. */
export function maxMbText(maxBytes: number, lang: Lang): string {
  return formatNumber(Math.round((maxBytes / 1024 / 1024) * 10) / 10, lang, 1);
}

/** What the incident-attachments partial needs. */
export function attachmentsBlock(opts: {
  attachments: AttachmentView[];
  incidentId: string;
  returnTo: string;
  canUpload: boolean;
  maxBytes: number;
  lang: Lang;
}) {
  return {
    attachments: opts.attachments.map((a) => ({ ...a, sizeText: sizeText(a.size, opts.lang) })),
    incidentId: opts.incidentId,
    returnTo: opts.returnTo,
    canUpload: opts.canUpload,
    maxMb: maxMbText(opts.maxBytes, opts.lang),
    allowed: ALLOWED_EXTENSIONS.join(', '),
  };
}
