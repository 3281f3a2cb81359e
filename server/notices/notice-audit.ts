// Audit objects of the notices feature (domain.md §8.3): references and ids, never contact data.
import type { IncidentDoc } from '../../models/incident.model.js';

/** The audit object of an incident. */
export function incidentObjectOf(incident: Pick<IncidentDoc, '_id' | 'reference'>): {
  type: string;
  id: string;
  ref: string;
} {
  return { type: 'incident', id: String(incident._id), ref: incident.reference };
}
