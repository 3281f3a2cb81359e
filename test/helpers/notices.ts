// Test data for notices: incidents, affected persons (inserted in bulk), and runs brought to
// `approved` or `sending` through the real services by two different privacy officers.
import { randomBytes, randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import type { SessionUser } from '../../server/context.js';
import { ContactCipher, type ContactData } from '../../server/notices/contact-crypto.js';
import {
  emptyDelta,
  insertPersonDocuments,
  personDocument,
  recordListChange,
  tally,
} from '../../server/notices/affected-persons.service.js';
import { createRun, saveRunTexts } from '../../server/notices/notice-runs.service.js';
import { approveRun, startRun } from '../../server/notices/notice-run-control.service.js';
import type { LangTexts } from '../../server/notices/run-content.js';
import type { SendSettings } from '../../server/notices/run-state.js';
import type { OutgoingGate } from '../../server/privacy/outgoing-check.js';
import { makeUser } from './factories.js';

/** The master secret tests use for contact data (also given to worker child processes). */
export const TEST_CONTACT_KEY = 'test-contact-key-test-contact-key-0123456789';
export const testCipher = new ContactCipher(TEST_CONTACT_KEY);
/** The personal-data gate for runs approved through the services (our own details allowed). */
export const testGate: OutgoingGate = { cipher: testCipher, allow: [] };

/** The ActionContext of a user at a moment. */
export function ctxOf(user: SessionUser, now: Date) {
  return { user, origin: { ip: '127.0.0.1', via: 'web' as const }, now };
}

/** An incident stored directly (no intake flow), with a unique reference. */
export async function makeIncident(
  reporter: SessionUser,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<IncidentDoc> {
  const seq = randomInt(100_000, 999_999_999);
  const doc = await Incident.create({
    reference: `DL-2099-${seq}`,
    year: 2099,
    seq,
    status: 'assessed',
    reporterId: reporter.id,
    reporterName: reporter.name,
    summary: 'Een e-mail met adviesrapporten is naar een verkeerde ontvanger gestuurd.',
    incidentCause: 'email_wrong_recipient',
    dataCategories: ['name_address', 'national_id'],
    discoveredAt: now,
    reportedInternallyAt: now,
    measuresTaken: 'De ontvanger is gevraagd de e-mail te verwijderen.',
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  return doc.toObject<IncidentDoc>();
}

/** A unique recipient domain for one test, so sink rules and counts never mix between tests. */
export function testDomain(): string {
  return `t${randomBytes(4).toString('hex')}.example.test`;
}

/** Contacts r0@domain … r(n-1)@domain (language from `langOf`, default nl). */
export function contacts(
  n: number,
  domain: string,
  langOf: (i: number) => string = () => 'nl',
): { contact: ContactData; lang: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    lang: langOf(i),
    contact: {
      name: `Persoon ${i}`,
      email: `r${i}@${domain}`,
      addressLines: [`Straat ${i}`],
      postcode: '3511 GC',
      city: 'Utrecht',
      country: '',
    },
  }));
}

/** Inserts affected persons directly (as an import would store and count them). */
export async function insertPersons(
  incidentId: Types.ObjectId,
  people: { contact: ContactData; lang: string }[],
  userId: string,
  now: Date,
  cipher = testCipher,
): Promise<void> {
  const delta = emptyDelta();
  for (let i = 0; i < people.length; i += 1000) {
    const docs = people
      .slice(i, i + 1000)
      .map((p, j) =>
        personDocument(incidentId, p, cipher, { source: 'import', rowNumber: i + j + 2, userId, now }),
      );
    await insertPersonDocuments(incidentId, docs);
    for (const d of docs) tally(delta, d.channel, d.lang, 1);
  }
  await recordListChange(incidentId, 'import', delta, now);
}

/** Complete Dutch and English texts. */
export function completeTexts(extra: LangTexts[] = []): LangTexts[] {
  const t = (lang: string, w: string): LangTexts => ({
    lang,
    whatHappened: `${w}: wat er gebeurde`,
    dataConcerned: `${w}: welke gegevens`,
    consequences: `${w}: gevolgen`,
    measures: `${w}: maatregelen`,
    advice: `${w}: advies`,
  });
  return [t('nl', 'NL'), t('en', 'EN'), ...extra];
}

type TestUser = Awaited<ReturnType<typeof makeUser>>;

/** Two privacy officers: the author and the approver. */
export async function twoOfficers(): Promise<{ author: TestUser; approver: TestUser }> {
  return {
    author: await makeUser('privacy_officer', { name: 'Auteur' }),
    approver: await makeUser('privacy_officer', { name: 'Goedkeurder' }),
  };
}

/** Creates a run with complete texts and approves it (four-eyes); optionally starts it. */
export async function preparedRun(
  incident: IncidentDoc,
  now: Date,
  opts: { start?: boolean; settings?: Partial<SendSettings>; texts?: LangTexts[] } = {},
): Promise<{ runId: string; author: TestUser; approver: TestUser }> {
  const { author, approver } = await twoOfficers();
  const run = await createRun(String(incident._id), ctxOf(author, now));
  await saveRunTexts(String(run._id), opts.texts ?? completeTexts(), ctxOf(author, now));
  await approveRun(String(run._id), ctxOf(approver, now), testGate);
  if (opts.start !== false) {
    await startRun(
      String(run._id),
      { concurrency: 5, ratePerSecond: 0, failureThreshold: 0, ...opts.settings },
      ctxOf(approver, now),
      testGate,
    );
  }
  return { runId: String(run._id), author, approver };
}

let langCounter = Math.floor(Math.random() * 600);

/** A language code no other test uses in this run (three letters starting with `q`, a range reserved for local use). */
export function testLangCode(): string {
  const n = langCounter++ % 676;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `q${letters[Math.floor(n / 26)]}${letters[n % 26]}`;
}
