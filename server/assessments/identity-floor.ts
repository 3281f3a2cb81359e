// The data of the first floor bullet of domain.md §10.4 (identity-fraud and sensitive data, §8.2):
// they raise the suggestion to at least "risk" and must survive the trusted-recipient ceiling.
import type { DataCategory } from '../../models/vocabulary/assessment.enums.js';
import { SPECIAL_DATA_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import { basicScore } from './enisa.js';

// Identity data that make financial data a fraud kit (domain.md §8.2, §10.4 first floor bullet).
const IDENTITY_CATEGORIES: readonly DataCategory[] = [
  'name_address',
  'phone',
  'email',
  'demographic',
  'national_id',
  'id_document',
];

/** One reason the first floor applies, with its rule id and the data named in both languages. */
export interface FloorTrigger {
  id: string;
  en: string;
  nl: string;
}

/**
 * The data of §10.4's first floor bullet present in the input (empty when none); `categories` are
 * the readable ones when some were unintelligible (§10.8 item 1).
 */
export function identityFloorTriggers(
  input: AssessmentInput,
  dpc: number,
  categories: readonly DataCategory[] = input.dataCategories ?? [],
): FloorTrigger[] {
  const cats = new Set(categories);
  const out: FloorTrigger[] = [];
  if (cats.has('national_id'))
    out.push({ id: 'floor.national-id', en: 'BSN (national ID number)', nl: 'BSN' });
  if (cats.has('id_document')) {
    out.push({
      id: 'floor.id-document',
      en: 'ID-document copy or number',
      nl: 'kopie of nummer van ID-bewijs',
    });
  }
  // Credentials count when they open client files: unnamed target, or a target scoring ≥ 3.
  if (cats.has('access_credentials') && basicScore('access_credentials', input.credentialsUnlock) >= 3) {
    out.push({
      id: 'floor.credentials',
      en: 'credentials to client files',
      nl: 'inloggegevens tot klantdossiers',
    });
  }
  if (cats.has('financial') && IDENTITY_CATEGORIES.some((c) => cats.has(c))) {
    out.push({
      id: 'floor.financial-identity',
      en: 'financial data together with identity data',
      nl: 'financiële gegevens samen met identiteitsgegevens',
    });
  }
  if (SPECIAL_DATA_CATEGORIES.some((c) => cats.has(c)) && dpc >= 3) {
    out.push({
      id: 'floor.special-category',
      en: `special-category or criminal data (adjusted DPC ${dpc})`,
      nl: `bijzondere of strafrechtelijke gegevens (aangepaste DPC ${dpc})`,
    });
  }
  return out;
}
