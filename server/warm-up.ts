// Loads the read models when a process starts (issue 10), in the background: the incident index,
// the persons index and the indexes of an incident's documents (events, assessments, …) take a few
// seconds at 10,000 incidents or 100,000 persons on the embedded database, which the first
// officer's page (or the first export after a restart, which builds changed incidents' register
// records from them) would otherwise wait for. Changes after that are learnt from the change feed.
import type { Logger } from 'pino';
import { incidentIndex } from './incidents/incident-index.js';
import { personsOfIncident } from './notices/affected-persons.service.js';
import { INCIDENT_CHILD_INDEXES } from './incidents/incident-children.js';

/** Starts loading the read models; resolves when they are loaded (failures are logged, not thrown). */
export async function warmReadModels(logger: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  const start = performance.now();
  try {
    const [ix] = await Promise.all([
      incidentIndex(),
      personsOfIncident.ready(),
      ...INCIDENT_CHILD_INDEXES.map((i) => i.ready()),
    ]);
    logger.info(
      { incidents: ix.all().length, ms: Math.round(performance.now() - start) },
      'read models loaded',
    );
  } catch (err) {
    logger.warn({ err }, 'read models not loaded at start; pages load them on first use');
  }
}
