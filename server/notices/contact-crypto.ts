// Affected persons' contact data, sealed at rest (AES-256-GCM) and deduplicated by a keyed hash, so
// the database (and its backups) hold no readable names or addresses. The key is derived from the
// same master secret as the evidence attachments (ATTACHMENT_KEY; in development the secret kept in
// the data folder), with its own HKDF label.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { resolveSessionSecret } from '../secrets.js';

/** What is stored of an affected person (issue 7 item 1: only what notifying needs). */
export interface ContactData {
  name: string;
  email: string | null;
  addressLines: string[];
  postcode: string;
  city: string;
  country: string;
}

/** The part of the contact data a notice page carries (sending needs no address). */
export interface MailContact {
  name: string;
  email: string;
}

const VERSION = 'c1';

/** Seals and opens contact data; computes duplicate keys. */
export class ContactCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret: string) {
    const ikm = Buffer.from(secret, 'utf8');
    this.encKey = Buffer.from(hkdfSync('sha256', ikm, 'meldpunt', 'contact data encryption v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', ikm, 'meldpunt', 'contact data dedupe v1', 32));
  }

  /** Encrypts a JSON value; `purpose` is bound as additional data so blobs cannot be swapped between uses. */
  seal(value: unknown, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(`${VERSION}:${purpose}`));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  }

  /** Decrypts what `seal` produced; throws when it was altered or sealed with another key or purpose. */
  open<T>(sealed: string, purpose: string): T {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || !payload) throw new Error('contact data: unknown format');
    const raw = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${VERSION}:${purpose}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(
      Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
    ) as T;
  }

  sealContact(c: ContactData): string {
    return this.seal(c, 'person');
  }

  openContact(sealed: string): ContactData {
    return this.open<ContactData>(sealed, 'person');
  }

  /** Seals the names and addresses of a page of recipients as one blob (null: letter only). */
  sealPageContacts(list: (MailContact | null)[]): string {
    return this.seal(
      list.map((c) => (c ? [c.name, c.email] : null)),
      'page',
    );
  }

  openPageContacts(sealed: string): (MailContact | null)[] {
    return this.open<([string, string] | null)[]>(sealed, 'page').map((c) =>
      c ? { name: c[0], email: c[1] } : null,
    );
  }

  /** The duplicate key: the same e-mail address, or (without one) the same name and address. */
  dedupeKey(c: ContactData): string {
    const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const basis = c.email
      ? `e:${norm(c.email)}`
      : `a:${norm(c.name)}|${c.addressLines.map(norm).join('|')}|${norm(c.postcode).replace(/ /g, '')}|${norm(c.country)}`;
    return createHmac('sha256', this.macKey).update(basis).digest('hex').slice(0, 40);
  }
}

const ciphers = new Map<string, ContactCipher>();

/** The cipher for this installation (cached per master secret). */
export function contactCipher(config: Pick<Config, 'attachments' | 'session' | 'dataDir'>): ContactCipher {
  const secret =
    config.attachments.key ??
    `derived-from-session-secret:${resolveSessionSecret(config.session.secret, config.dataDir)}`;
  let c = ciphers.get(secret);
  if (!c) {
    c = new ContactCipher(secret);
    ciphers.set(secret, c);
  }
  return c;
}
