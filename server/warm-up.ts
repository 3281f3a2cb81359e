// Loads the read models when a process starts (issue 10), in the background: the incident index
// and the persons index take a few seconds at 10,000 incidents or 100,000 persons on the embedded
// database, which the first officer's page would otherwise wait for. Changes after that are
// learnt from the change feed.
import type { Logger } from 'pino';
import { incidentIndex } from './incidents/incident-index.js';
import { personsOfIncident } from './notices/affected-persons.service.js';

/** Starts loading the read models; resolves when they are loaded (failures are logged, not thrown). */
export async function warmReadModels(logger: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  const start = performance.now();
  try {
    const [ix] = await Promise.all([incidentIndex(), personsOfIncident.ready()]);
    logger.info(
      { incidents: ix.all().length, ms: Math.round(performance.now() - start) },
      'read models loaded',
    );
  } catch (err) {
    logger.warn({ err }, 'read models not loaded at start; pages load them on first use');
  }
}
