// `npm run demo`: three sample incidents, clearly marked as demo data ("[DEMO]" in the description),
// filed and handled through the real services so that timeline, audit trail and mails are real.
// Safe to run again: nothing is added when the demo reporter already has demo incidents.
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { Incident } from '../../models/incident.model.js';
import type { ActionContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { closeIncident, markNotABreach, setAwareness, takeIntoTriage } from '../register/triage.service.js';
import { loadSessionUser } from '../users/users.service.js';
import { reportSchema } from './incidents.schema.js';
import { submitReport } from './incidents.service.js';
import { correctFacts } from '../facts/facts.service.js';

const DEMO_MARK = '[DEMO]';
const local = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm", { in: tz('Europe/Amsterdam') });

/** Files and handles the demo incidents (users: role → id, from seedDemo). */
export async function seedDemoIncidents(deps: AppDeps, users: Record<string, string>): Promise<void> {
  const reporter = await loadSessionUser(users.reporter);
  const officer = await loadSessionUser(users.privacy_officer);
  if (!reporter || !officer) return;
  if (await Incident.exists({ reporterId: reporter.id, summary: { $regex: /^\[DEMO\]/ } })) return;
  const now = deps.clock.now();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
  const ctx = (user: typeof reporter, at: Date): ActionContext => ({ user, origin: { via: 'cli' }, now: at });
  const file = (at: Date, form: Record<string, unknown>) =>
    submitReport(reportSchema(at).parse(form), ctx(reporter, at), { baseUrl: deps.config.baseUrl });

  // 1. Fresh: an e-mail with an advice report sent to the wrong client.
  await file(hoursAgo(3), {
    summary: `${DEMO_MARK} Adviesrapport met BSN en pensioenbedragen per e-mail naar de verkeerde klant gestuurd (fictief).`,
    incidentCause: 'email_wrong_recipient',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    occurredFrom: local(hoursAgo(5)),
    discoveredAt: local(hoursAgo(4)),
    discoveryChannel: 'own_detection',
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'national_id', 'financial'],
    subjectCategories: ['clients'],
    subjectsCountMin: '1',
    subjectsCountMax: '1',
    dataLeftOrganisation: 'yes',
    recipients: 'Eén andere klant (fictief).',
    confidentialityScope: 'known_recipients',
    malicious: 'no',
    unintelligibility: 'none',
    measuresTaken: 'Ontvanger gebeld en gevraagd de e-mail te verwijderen.',
  });

  // 2. In triage, awareness set: a stolen laptop with an encrypted disk.
  const laptop = await file(hoursAgo(30), {
    summary: `${DEMO_MARK} Laptop met versleutelde schijf gestolen uit een auto (fictief).`,
    incidentCause: 'device_lost_stolen',
    incidentNature: ['stolen'],
    breachTypes: ['confidentiality', 'availability'],
    occurredFrom: local(hoursAgo(40)),
    discoveredAt: local(hoursAgo(32)),
    discoveryChannel: 'own_detection',
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'contract_or_service'],
    subjectCategories: ['clients', 'employees'],
    subjectsCountMin: '50',
    subjectsCountMax: '200',
    availabilityImpact: 'recoverable_without_difficulty',
    backupAvailable: 'yes',
    malicious: 'yes',
    unintelligibility: 'state_of_art_encryption_key_safe',
    measuresTaken: 'Aangifte gedaan; laptop op afstand geblokkeerd.',
  });
  await takeIntoTriage(laptop.id, ctx(officer, hoursAgo(29)));
  await setAwareness(laptop.id, { awarenessAt: hoursAgo(30) }, ctx(officer, hoursAgo(28)));
  // The officer corrects what the reporter could not know (issue 12: one set of facts).
  await correctFacts(
    laptop.id,
    {
      values: { subjectsCountMin: 120, subjectsCountMax: 120 },
      reason: 'Back-up van de laptop nagekeken: 120 klantdossiers (fictief).',
      stamp: undefined,
    },
    ctx(officer, hoursAgo(27)),
  );

  // 3. Not a breach, closed: a test environment without personal data was public.
  const test = await file(hoursAgo(24 * 9), {
    summary: `${DEMO_MARK} Testomgeving tijdelijk openbaar bereikbaar; bevatte alleen fictieve testgegevens.`,
    incidentCause: 'unintended_publication',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    occurrenceUnknown: 'on',
    discoveredAt: local(hoursAgo(24 * 9 + 2)),
    discoveryChannel: 'third_party',
    personalDataInvolved: 'no',
    measuresTaken: 'Toegang direct afgesloten.',
  });
  await takeIntoTriage(test.id, ctx(officer, hoursAgo(24 * 8)));
  await markNotABreach(
    test.id,
    'De omgeving bevatte uitsluitend fictieve testgegevens; geen persoonsgegevens.',
    ctx(officer, hoursAgo(24 * 8)),
  );
  await closeIncident(
    test.id,
    {
      closingMeasures: 'Toegang afgesloten; configuratie gecontroleerd.',
      lessonsLearned: 'Testomgevingen standaard achter de VPN plaatsen.',
    },
    ctx(officer, hoursAgo(24 * 7)),
  );
}
