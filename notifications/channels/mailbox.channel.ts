// The development mailbox: with no SMTP server configured, each message is written as an RFC 822
// .eml file (exactly what SMTP would have carried) plus a small JSON index entry, so an admin page
// can list and show what the system sent.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ParsedMail, AddressObject } from 'mailparser';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailChannel, OutgoingMail, SendResult } from './channel.js';

/** One line of the mailbox listing (no message bodies). */
export interface MailboxEntry {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601, when the message was written. */
  date: string;
  size: number;
}

/** A stored message read back and parsed from its .eml file. */
export interface ParsedMailMessage {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  date: Date | undefined;
  text: string;
  html: string;
  /** Header values by lower-case name (first occurrence). */
  headers: Record<string, string>;
}

/** The mailbox channel, with access to what it stored. */
export interface MailboxChannel extends MailChannel {
  readonly dir: string;
  list(limit?: number): Promise<MailboxEntry[]>;
  read(id: string): Promise<(ParsedMailMessage & { id: string }) | null>;
}

// Ids sort chronologically (millisecond timestamp first) and are safe as file names; anything else
// handed to read() is refused, which keeps a user-supplied id from escaping the folder.
const ID_PATTERN = /^\d{13}-[0-9a-f]{20}$/;

/** The mailbox folder inside the data directory. */
export function mailboxDir(dataDir: string): string {
  return join(dataDir, 'mailbox');
}

/** Builds the RFC 822 source of a message the way the SMTP channel would send it. */
export function composeRfc822(mail: OutgoingMail, date: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date,
    headers: mail.headers,
    attachments: mail.attachments,
  });
  return composer.compile().build();
}

function addressList(field: AddressObject | AddressObject[] | undefined): string[] {
  const groups = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return groups.flatMap((g) => g.value.map((a) => a.address ?? '')).filter(Boolean);
}

/** Parses an RFC 822 message into the fields an admin page or a test needs. */
export async function parseRfc822(raw: Buffer): Promise<ParsedMailMessage> {
  // mailparser is loaded on first use: only the dev mailbox page and the tests read messages back,
  // so a production install that sends over SMTP never needs it.
  const { simpleParser } = await import('mailparser');
  const parsed: ParsedMail = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    if (headers[key] !== undefined) continue;
    const colon = line.indexOf(':');
    headers[key] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return {
    messageId: parsed.messageId ?? '',
    from: addressList(parsed.from)[0] ?? '',
    to: addressList(parsed.to),
    subject: parsed.subject ?? '',
    date: parsed.date,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
  };
}

async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  // Write then rename, so a concurrent listing never reads half a file.
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode: 0o600 });
  await rename(tmp, path);
}

/** The ids of a mailbox folder's messages, newest first (ids start with the time they were written). */
async function mailboxIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => ID_PATTERN.test(id))
    .sort()
    .reverse();
}

async function readEntries(dir: string, ids: readonly string[]): Promise<MailboxEntry[]> {
  return Promise.all(
    ids.map(async (id) => JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as MailboxEntry),
  );
}

/** Lists the newest messages in a mailbox folder, newest first. */
export async function listMailbox(dir: string, limit = 100): Promise<MailboxEntry[]> {
  return readEntries(dir, (await mailboxIds(dir)).slice(0, Math.max(0, limit)));
}

/** One page of a mailbox search. */
export interface MailboxPage {
  entries: MailboxEntry[];
  /** Messages that match (all messages without a search). */
  total: number;
  page: number;
  pages: number;
}

/**
 * One page of a mailbox folder, newest first; with `q`, only messages whose subject, sender or
 * recipients contain it (case-insensitive). Without a search only the page's entries are read.
 */
export async function searchMailbox(
  dir: string,
  opts: { q?: string; page?: number; pageSize?: number } = {},
): Promise<MailboxPage> {
  const pageSize = opts.pageSize ?? 50;
  const ids = await mailboxIds(dir);
  const q = opts.q?.trim().toLowerCase();
  let matching: string[] | MailboxEntry[] = ids;
  if (q) {
    const found: MailboxEntry[] = [];
    // In slices, so a large folder is not opened all at once.
    for (let i = 0; i < ids.length; i += 500) {
      for (const e of await readEntries(dir, ids.slice(i, i + 500)))
        if ([e.subject, e.from, ...e.to].some((v) => v.toLowerCase().includes(q))) found.push(e);
    }
    matching = found;
  }
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const slice = matching.slice((page - 1) * pageSize, page * pageSize);
  const entries = q ? (slice as MailboxEntry[]) : await readEntries(dir, slice as string[]);
  return { entries, total: matching.length, page, pages };
}

/** Reads and parses one message of a mailbox folder; null when the id is unknown or malformed. */
export async function readMailboxMessage(
  dir: string,
  id: string,
): Promise<(ParsedMailMessage & { id: string }) | null> {
  if (!ID_PATTERN.test(id)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, `${id}.eml`));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return { id, ...(await parseRfc822(raw)) };
}

/** Creates the dev mailbox channel writing into `dir` (created on first send). */
export function createMailboxChannel(options: { dir: string; now?: () => Date }): MailboxChannel {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  return {
    name: 'mailbox',
    dir,
    async send(mail: OutgoingMail): Promise<SendResult> {
      const date = now();
      const raw = await composeRfc822(mail, date);
      const digest = createHash('sha256').update(mail.messageId).digest('hex').slice(0, 12);
      // A random tail: an at-least-once redelivery of the same Message-ID gets its own file.
      const id = `${String(date.getTime()).padStart(13, '0')}-${digest}${randomBytes(4).toString('hex')}`;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeAtomically(join(dir, `${id}.eml`), raw);
      const entry: MailboxEntry = {
        id,
        messageId: mail.messageId,
        from: mail.from,
        to: [...mail.to],
        subject: mail.subject,
        date: date.toISOString(),
        size: raw.length,
      };
      // The index entry is written last: whatever is listed is complete.
      await writeAtomically(join(dir, `${id}.json`), JSON.stringify(entry));
      return { response: `stored ${id}` };
    },
    list: (limit?: number) => listMailbox(dir, limit),
    read: (id: string) => readMailboxMessage(dir, id),
    close: () => Promise.resolve(),
  };
}
