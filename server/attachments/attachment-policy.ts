// Which evidence files are accepted (issue 3 item 3): an allow-list of extensions, each with the
// content type we serve it as (never the browser's claim) and, for binary formats, the magic bytes
// the file must start with, so a renamed executable is refused. Pure functions.

interface FileType {
  contentType: string;
  /** Accepted first bytes (any of them), or 'text' for plain-text formats. */
  magic: readonly Buffer[] | 'text';
}

const PDF = [Buffer.from('%PDF-')];
const ZIP = [Buffer.from([0x50, 0x4b, 0x03, 0x04])]; // docx, xlsx, pptx, odt …
const OLE = [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])]; // doc, xls, ppt, msg

const TYPES: Record<string, FileType> = {
  pdf: { contentType: 'application/pdf', magic: PDF },
  png: { contentType: 'image/png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  jpg: { contentType: 'image/jpeg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  jpeg: { contentType: 'image/jpeg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  gif: { contentType: 'image/gif', magic: [Buffer.from('GIF87a'), Buffer.from('GIF89a')] },
  webp: { contentType: 'image/webp', magic: [Buffer.from('RIFF')] },
  heic: { contentType: 'image/heic', magic: [] }, // checked by its 'ftyp' box below
  doc: { contentType: 'application/msword', magic: OLE },
  xls: { contentType: 'application/vnd.ms-excel', magic: OLE },
  ppt: { contentType: 'application/vnd.ms-powerpoint', magic: OLE },
  msg: { contentType: 'application/vnd.ms-outlook', magic: OLE },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
  },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: ZIP,
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: ZIP },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', magic: ZIP },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', magic: ZIP },
  rtf: { contentType: 'application/rtf', magic: [Buffer.from('{\\rtf')] },
  txt: { contentType: 'text/plain; charset=utf-8', magic: 'text' },
  csv: { contentType: 'text/csv; charset=utf-8', magic: 'text' },
  eml: { contentType: 'message/rfc822', magic: 'text' },
};

/** The accepted extensions, for the form's hint and `accept` attribute. */
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

/** Why a file is refused. */
export type FileProblem = 'type' | 'content' | 'empty' | 'tooLarge' | 'name';

/**
 * A safe display name: no folders, no control or bidi characters, at most 200 characters (the
 * extension kept). Undefined when nothing usable remains.
 */
export function cleanFilename(raw: string): string | undefined {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return undefined;
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** The extension (lower case) of a name, or ''. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The type we store and serve a file name as; undefined when the extension is not allowed. */
export function contentTypeFor(name: string): string | undefined {
  return TYPES[extensionOf(name)]?.contentType;
}

/** Whether the first bytes of the file fit its extension (the first chunk is enough). */
export function contentMatches(name: string, head: Buffer): boolean {
  const type = TYPES[extensionOf(name)];
  if (!type) return false;
  if (type.magic === 'text') return !head.subarray(0, 8192).includes(0);
  if (extensionOf(name) === 'heic') return head.subarray(4, 8).toString('latin1') === 'ftyp';
  if (extensionOf(name) === 'webp' && head.subarray(8, 12).toString('latin1') !== 'WEBP') return false;
  return type.magic.some((m) => head.length >= m.length && head.subarray(0, m.length).equals(m));
}

/** RFC 6266 Content-Disposition for a download: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
