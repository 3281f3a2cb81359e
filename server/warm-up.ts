// Loads the read models when a process starts (issue 10), in the background: the incident index
// and the persons index take a few seconds at 10,000 incidents or 100,000 persons on the embedded
// database, which the first officer's page would otherwise wait for; then the register records
// the exports stream (a few seconds more). Changes after that are learnt from the change feed.
import type { Logger } from 'pino';
import { incidentIndex } from './incidents/incident-index.js';
import { personsOfIncident } from './notices/affected-persons.service.js';
import { warmRegisterRecords } from './register/register-cache.js';

/** Starts loading the read models; resolves when they are loaded (failures are logged, not thrown). */
export async function warmReadModels(logger: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  const start = performance.now();
  try {
    const [ix] = await Promise.all([incidentIndex(), personsOfIncident.ready()]);
    logger.info(
      { incidents: ix.all().length, ms: Math.round(performance.now() - start) },
      'read models loaded',
    );
    // Then the register records the exports stream (server/register/register-cache.ts).
    await warmRegisterRecords();
    logger.info({ ms: Math.round(performance.now() - start) }, 'register records kept');
  } catch (err) {
    logger.warn({ err }, 'read models not loaded at start; pages load them on first use');
  }
}
