// Reading a list of affected persons (issue 7 item 1), pure: which column is which (Dutch or English
// headers), which delimiter, and whether a row is usable. Problems are message keys with the
// column; the rejected values themselves are never repeated (they may be contact data).
import { z } from 'zod';
import type { ContactData } from './contact-crypto.js';

/** The fields an import can fill. */
export const PERSON_FIELDS = [
  'name',
  'email',
  'language',
  'address1',
  'address2',
  'address3',
  'postcode',
  'city',
  'country',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

// Header names after normalisation (lower case, no spaces, dashes, dots or underscores).
const ALIASES: Record<string, PersonField> = {
  name: 'name',
  naam: 'name',
  fullname: 'name',
  volledigenaam: 'name',
  volledigenaamvanbetrokkene: 'name',
  email: 'email',
  emailadres: 'email',
  emailaddress: 'email',
  mail: 'email',
  mailadres: 'email',
  language: 'language',
  taal: 'language',
  lang: 'language',
  voorkeurstaal: 'language',
  preferredlanguage: 'language',
  address: 'address1',
  adres: 'address1',
  street: 'address1',
  straat: 'address1',
  streetaddress: 'address1',
  straatenhuisnummer: 'address1',
  addressline1: 'address1',
  adresregel1: 'address1',
  address1: 'address1',
  adres1: 'address1',
  addressline2: 'address2',
  adresregel2: 'address2',
  address2: 'address2',
  adres2: 'address2',
  addressline3: 'address3',
  adresregel3: 'address3',
  address3: 'address3',
  adres3: 'address3',
  postcode: 'postcode',
  postalcode: 'postcode',
  zip: 'postcode',
  zipcode: 'postcode',
  postcodezip: 'postcode',
  city: 'city',
  plaats: 'city',
  woonplaats: 'city',
  town: 'city',
  stad: 'city',
  country: 'country',
  land: 'country',
};

/** A header name normalised for matching. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.:/]+/g, '');
}

/** The outcome of reading the header row. */
export interface HeaderMap {
  /** The field of each column (null: ignored). */
  columns: (PersonField | null)[];
  /** The header text of each field's column, for the error report. */
  names: Partial<Record<PersonField, string>>;
  /** Why the file cannot be used (a message key), or null. */
  fatal: string | null;
}

/** Maps the header row to fields; unknown columns are ignored, a field named twice is an error. */
export function mapHeaders(headers: readonly string[]): HeaderMap {
  const names: Partial<Record<PersonField, string>> = {};
  let fatal: string | null = null;
  const columns = headers.map((h) => {
    const field = ALIASES[normaliseHeader(h)] ?? null;
    if (!field) return null;
    if (names[field]) fatal = 'notices.import.duplicateColumn';
    names[field] = h.trim();
    return field;
  });
  if (!fatal && !names.name) fatal = 'notices.import.noNameColumn';
  if (!fatal && !names.email && !names.address1) fatal = 'notices.import.noContactColumn';
  return { columns, names, fatal };
}

/** The delimiter of a file from its first line: `;` (Dutch spreadsheets) or `,`. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const LANGUAGE_ALIASES: Record<string, string> = {
  nederlands: 'nl',
  dutch: 'nl',
  ned: 'nl',
  nld: 'nl',
  'nl-nl': 'nl',
  'nl-be': 'nl',
  vlaams: 'nl',
  english: 'en',
  engels: 'en',
  eng: 'en',
  'en-gb': 'en',
  'en-us': 'en',
  turks: 'tr',
  turkish: 'tr',
  türkçe: 'tr',
  arabisch: 'ar',
  arabic: 'ar',
  pools: 'pl',
  polish: 'pl',
  duits: 'de',
  german: 'de',
  deutsch: 'de',
  frans: 'fr',
  french: 'fr',
  français: 'fr',
  spaans: 'es',
  spanish: 'es',
  español: 'es',
  portugees: 'pt',
  portuguese: 'pt',
  português: 'pt',
  italiaans: 'it',
  italian: 'it',
  italiano: 'it',
  papiaments: 'pap',
  papiamentu: 'pap',
};

/** A language code from what a spreadsheet says ("Nederlands", "EN", "tr"); '' → nl; null when unusable. */
export function normaliseLanguage(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (!v) return 'nl';
  if (LANGUAGE_ALIASES[v]) return LANGUAGE_ALIASES[v];
  return /^[a-z]{2,3}$/.test(v) ? v : null;
}

const LIMITS: Record<PersonField, number> = {
  name: 200,
  email: 254,
  language: 40,
  address1: 200,
  address2: 200,
  address3: 200,
  postcode: 20,
  city: 100,
  country: 100,
};
const emailSchema = z.email();

/** A problem with one cell. */
export interface CellProblem {
  field: PersonField | 'row';
  problem: string;
}

/** A usable row: the contact data and the language. */
export interface PersonInput {
  contact: ContactData;
  lang: string;
}

/** Validates one person (a CSV row or the manual form): the person, or the problems found. */
export function validatePerson(
  values: Partial<Record<PersonField, string>>,
): { ok: true; person: PersonInput } | { ok: false; problems: CellProblem[] } {
  const v = Object.fromEntries(
    PERSON_FIELDS.map((f) => [f, (values[f] ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim()]),
  ) as Record<PersonField, string>;
  const problems: CellProblem[] = [];
  for (const f of PERSON_FIELDS)
    if (v[f].length > LIMITS[f]) problems.push({ field: f, problem: 'notices.import.problem.tooLong' });
  if (!v.name) problems.push({ field: 'name', problem: 'notices.import.problem.required' });
  const email = v.email.toLowerCase();
  if (email && !emailSchema.safeParse(email).success)
    problems.push({ field: 'email', problem: 'notices.import.problem.email' });
  const lang = normaliseLanguage(v.language);
  if (!lang) problems.push({ field: 'language', problem: 'notices.import.problem.language' });
  const addressLines = [v.address1, v.address2, v.address3].filter(Boolean);
  const hasAddress = addressLines.length > 0 && (!!v.postcode || !!v.city);
  // Someone without e-mail gets a letter, which needs an address (domain.md §4: letter abroad too).
  if (!email && !hasAddress)
    problems.push({
      field: email || v.address1 ? 'address1' : 'email',
      problem: 'notices.import.problem.noContact',
    });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    person: {
      lang: lang!,
      contact: {
        name: v.name,
        email: email || null,
        addressLines,
        postcode: v.postcode.toUpperCase(),
        city: v.city,
        country: v.country,
      },
    },
  };
}

/** True when the contact data is enough for a letter. */
export function hasPostalAddress(c: ContactData): boolean {
  return c.addressLines.length > 0 && (!!c.postcode || !!c.city);
}
