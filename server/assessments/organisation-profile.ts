// Unknown facts filled in as the organisation's profile warrants (domain.md §10.8 item 4): for an
// organisation whose clients are vulnerable and for whom being a client is itself sensitive, a
// breach that may concern clients is assessed as one that does, until the facts say otherwise.
import type { SubjectCategory } from '../../models/vocabulary/assessment.enums.js';
import type { OrganisationProfile } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';

// Subject categories that are the organisation's clients or reveal a client relationship.
const CLIENT_CATEGORIES: readonly SubjectCategory[] = ['clients', 'client_family'];

/** Whether the affected persons are, or may be (not yet known), the organisation's clients. */
export function mayConcernClients(input: AssessmentInput): boolean {
  const subjects = input.subjectCategories ?? [];
  if (subjects.length === 0 || subjects.includes('unknown')) return true;
  return subjects.some((s) => CLIENT_CATEGORIES.includes(s));
}

/** Whether the affected persons are known to be clients (not merely possibly). */
export function concernsClientsKnown(input: AssessmentInput): boolean {
  return (input.subjectCategories ?? []).some((s) => CLIENT_CATEGORIES.includes(s));
}

/** Vulnerability as stated, or assumed from the profile when not yet known. */
export function vulnerability(
  input: AssessmentInput,
  profile: OrganisationProfile,
): { vulnerable: boolean; assumed: boolean } {
  if (input.vulnerableSubjects === 'yes' || (input.subjectCategories ?? []).includes('minors')) {
    return { vulnerable: true, assumed: false };
  }
  if (input.vulnerableSubjects === 'no') return { vulnerable: false, assumed: false };
  const assumed = profile.clientVulnerability === 'yes' && mayConcernClients(input);
  return { vulnerable: assumed, assumed };
}

/** The least DPC a breach of client data scores when the client relationship itself is sensitive. */
export const CLIENT_RELATIONSHIP_DPC = 2;

/** Whether the client-relationship floor of the DPC applies (§10.8 item 4). */
export function clientRelationshipApplies(input: AssessmentInput, profile: OrganisationProfile): boolean {
  return profile.clientRelationshipSensitive && mayConcernClients(input);
}

/** Whether some data categories are not yet known (none named, or `unknown` among them). */
export function categoriesUnknown(input: AssessmentInput): boolean {
  const categories = input.dataCategories ?? [];
  return categories.length === 0 || categories.includes('unknown');
}
