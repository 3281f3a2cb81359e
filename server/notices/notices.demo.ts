// Demo data for notices (`npm run demo`): a short, clearly fictitious list of affected persons and a
// draft notice for the first demo incident, so the pages can be tried at once. Safe to run again.
import { AffectedPerson } from '../../models/affected-person.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NoticeRun } from '../../models/notice-run.model.js';
import type { AppDeps } from '../deps.js';
import { loadSessionUser } from '../users/users.service.js';
import {
  emptyDelta,
  insertPersonDocuments,
  personDocument,
  recordListChange,
  tally,
} from './affected-persons.service.js';
import { contactCipher } from './contact-crypto.js';
import { createRun } from './notice-runs.service.js';

const PEOPLE: [string, string | null, string, string, string, string][] = [
  ['Demo Fatima de Vries', 'fatima.devries@demo.meldpunt.test', 'nl', 'Oudegracht 1', '3511 AA', 'Utrecht'],
  ['Demo Jan Jansen', 'jan.jansen@demo.meldpunt.test', 'nl', 'Dorpsstraat 2', '1234 AB', 'Ergens'],
  ['Demo Ayşe Yılmaz', 'ayse.yilmaz@demo.meldpunt.test', 'tr', 'Atatürk Caddesi 12', '34000', 'İstanbul'],
  ['Demo John Smith', 'john.smith@demo.meldpunt.test', 'en', 'High Street 3', 'AB1 2CD', 'London'],
  ['Demo Maria Santos', 'maria.santos@demo.meldpunt.test', 'pt', 'Rua Augusta 4', '1100-053', 'Lisboa'],
  ['Demo Piet Post', null, 'nl', 'Laan 5', '9999 ZZ', 'Groningen'],
  ['Demo Mohammed Ali', null, 'ar', 'Kade 6', '1011 AB', 'Amsterdam'],
];

/** Adds the demo list and a draft notice to the first demo incident (once). */
export async function seedDemoNotices(deps: AppDeps, users: Record<string, string>): Promise<void> {
  const officer = await loadSessionUser(users.privacy_officer);
  if (!officer) return;
  const incidents = await Incident.find({
    reporterId: users.reporter,
    summary: { $regex: /^\[DEMO\]/ },
  }).lean<IncidentDoc[]>();
  const incident = incidents.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  if (!incident || (await AffectedPerson.exists({ incidentId: incident._id }))) return;
  const cipher = contactCipher(deps.config);
  const now = deps.clock.now();
  const docs = PEOPLE.map(([name, email, lang, street, postcode, city], i) =>
    personDocument(
      incident._id,
      {
        lang,
        contact: {
          name,
          email,
          addressLines: [street],
          postcode,
          city,
          country: i === 2 ? 'Türkiye' : i === 3 ? 'United Kingdom' : i === 4 ? 'Portugal' : '',
        },
      },
      cipher,
      { source: 'manual', userId: officer.id, now },
    ),
  );
  await insertPersonDocuments(incident._id, docs);
  const delta = emptyDelta();
  for (const d of docs) tally(delta, d.channel, d.lang, 1);
  await recordListChange(incident._id, 'add', delta, now);
  if (!(await NoticeRun.exists({ incidentId: incident._id })))
    await createRun(String(incident._id), { user: officer, origin: { via: 'cli' }, now });
}
