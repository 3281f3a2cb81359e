// `npm run demo`: demo users for each role (and, where the features provide them, sample
// incidents), all clearly marked as demo data. Safe to run again: existing demo users are kept.
import { User, type Role } from '../../models/user.model.js';
import type { AppDeps } from '../deps.js';
import { insertUser } from '../users/users.service.js';
import { seedDemoIncidents } from '../incidents/incidents.demo.js';
import { seedDemoNotices } from '../notices/notices.demo.js';

export const DEMO_PASSWORD = 'demo-wachtwoord-2026';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'melder@demo.meldpunt.test', name: 'Demo Melder', role: 'reporter' },
  { email: 'privacy@demo.meldpunt.test', name: 'Demo Privacy Officer', role: 'privacy_officer' },
  { email: 'privacy2@demo.meldpunt.test', name: 'Demo Tweede Privacy Officer', role: 'privacy_officer' },
  { email: 'ministerie@demo.meldpunt.test', name: 'Demo Contactpersoon SZW', role: 'ministry_liaison' },
  { email: 'beheer@demo.meldpunt.test', name: 'Demo Beheerder', role: 'admin' },
  { email: 'directie@demo.meldpunt.test', name: 'Demo Directie', role: 'management' },
];

/** Extra demo data from features (sample incidents); each runs after the users exist. */
export const DEMO_SEEDERS: ((deps: AppDeps, users: Record<string, string>) => Promise<void>)[] = [
  seedDemoIncidents,
  seedDemoNotices,
];

/** Creates the demo users (once) and runs the feature seeders. */
export async function seedDemo(deps: AppDeps): Promise<void> {
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const existing = await User.findOne({ email: u.email }).lean();
    ids[u.role + (ids[u.role] ? '2' : '')] = existing
      ? String(existing._id)
      : (await insertUser({ ...u, language: 'nl', password: DEMO_PASSWORD }, deps.clock.now())).id;
  }
  for (const seed of DEMO_SEEDERS) await seed(deps, ids);
  console.log('\nDemo mode. Sign in with one of these accounts (password for all: %s):', DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log('  %s  %s', u.role.padEnd(17), u.email);
}
