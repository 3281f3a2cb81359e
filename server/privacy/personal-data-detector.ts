// Finds personal data in a text that is about to leave the organisation (issue 12, problem 5;
// domain.md §8.4: the ministry notice holds no affected persons' data; §4: notices to affected
// persons are written for the public). Pure: the callers load the names of the incident's affected
// persons and decide what a flag means. Checksums keep the number detectors honest: a BSN is only
// flagged when it passes the 11-proef, an IBAN only when its mod-97 check holds.

/** What kind of personal data a flag is about. */
export type PersonalDataKind = 'bsn' | 'iban' | 'email' | 'phone' | 'birthDate' | 'name';

/** One suspected piece of personal data in a text. */
export interface PersonalDataFlag {
  kind: PersonalDataKind;
  /** Offsets in the text ([start, end)). */
  start: number;
  end: number;
  /** The text found, for the officer's own form (never written to the audit trail). */
  match: string;
}

/** What the detector knows besides the text. */
export interface DetectOptions {
  /** Names from the incident's list of affected persons. */
  names?: readonly string[];
  /** Our own contact details (organisation, privacy officer): never flagged. */
  allow?: readonly string[];
  /** The year now, to recognise a date of birth by its age; defaults to the current year. */
  year?: number;
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** The 11-proef of a Dutch citizen service number (BSN): 9 digits, weights 9…2 and −1, sum ≡ 0 (mod 11). */
export function isValidBsn(value: string): boolean {
  const d = digitsOnly(value);
  if (d.length !== 9 || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

/** The ISO 13616 check of an IBAN: country code, check digits, and the mod-97 remainder 1. */
export function isValidIban(value: string): boolean {
  const s = value.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  mrt: 3,
  maart: 3,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  augustus: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

function validDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Words that announce a date of birth (Dutch and English).
const BIRTH_CONTEXT = /(geboren|geboortedatum|geb\.|born|birth|d\.o\.b|dob)\W{0,20}$/i;

interface Candidate {
  kind: PersonalDataKind;
  re: RegExp;
  accept: (m: RegExpExecArray, text: string, opts: Required<Pick<DetectOptions, 'year'>>) => boolean;
}

const CANDIDATES: Candidate[] = [
  {
    kind: 'email',
    re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
    accept: () => true,
  },
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi,
    accept: (m) => isValidIban(m[0]),
  },
  {
    // 9 digits, also written 1234.56.789 or 123 456 789.
    kind: 'bsn',
    re: /(?<![\d-]|\d[.,])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d-]|[.,]\d)/g,
    accept: (m) => isValidBsn(m[0]),
  },
  {
    // International (+31 6 1234 5678, 0031 20 123 4567, +44 20 7946 0958) and Dutch national
    // numbers (06-12345678, 020 123 4567, (020) 123 45 67): ten digits starting with 0.
    kind: 'phone',
    re: /(?<![\w+])(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d(?:[ .-]?\d){6,13}|\(?0\d{1,3}\)?[ .-]?\d(?:[ .-]?\d){4,9})(?!\w)/g,
    accept: (m) => {
      const raw = m[0];
      const d = digitsOnly(raw.replace('(0)', ''));
      if (raw.startsWith('+') || raw.startsWith('00')) {
        const intl = raw.startsWith('00') ? d.slice(2) : d;
        return intl.length >= 8 && intl.length <= 15;
      }
      return d.length === 10 && d.startsWith('0') && !d.startsWith('00');
    },
  },
  {
    // 12-03-1985, 12/3/1985, 12.03.1985, 1985-03-12
    kind: 'birthDate',
    re: /\b(?:(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|(\d{4})-(\d{2})-(\d{2}))\b/g,
    accept: (m, text, opts) => {
      const [day, month, year] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]];
      return birthDateLike(Number(day), Number(month), Number(year), text, m.index, opts.year);
    },
  },
  {
    // 12 maart 1985, 12 March 1985, March 12, 1985
    kind: 'birthDate',
    re: new RegExp(
      `\\b(?:(\\d{1,2})\\.?\\s+(${MONTH_NAMES})\\.?\\s+(\\d{4})|(${MONTH_NAMES})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4}))\\b`,
      'giu',
    ),
    accept: (m, text, opts) => {
      const [day, monthName, year] = m[1] ? [m[1], m[2], m[3]] : [m[5], m[4], m[6]];
      const month = MONTHS[String(monthName).toLowerCase()] ?? 0;
      return birthDateLike(Number(day), month, Number(year), text, m.index, opts.year);
    },
  },
];

/**
 * A date is taken for a date of birth when words such as "geboren" or "date of birth" come just
 * before it, or when it lies at least 14 years back: the dates in an outgoing text about a breach
 * are recent (when it happened, when it was found), a person's birth date is not.
 */
function birthDateLike(
  day: number,
  month: number,
  year: number,
  text: string,
  at: number,
  now: number,
): boolean {
  if (!validDate(day, month, year) || year < 1900 || year > now) return false;
  return BIRTH_CONTEXT.test(text.slice(Math.max(0, at - 40), at)) || year <= now - 14;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const TITLES = new Set(['mevrouw', 'meneer', 'mevr', 'mw', 'dhr', 'de heer', 'mr', 'mrs', 'ms', 'miss']);
const MAX_NAME_WORDS = 6;
const word = (w: string) => w.normalize('NFKC').toLowerCase().replace(/\.+$/, '');

/**
 * The keys under which a name is recognised in a text: in full ("jan de vries"), with an initial
 * ("J. de Vries" → "i:j|de vries") and with a title ("mevrouw De Vries" → "s:de vries"). A name of
 * one word is not looked for: on its own it matches too many ordinary words.
 */
export function nameKeys(name: string): string[] {
  const parts = norm(name).split(' ').map(word).filter(Boolean);
  if (parts.length < 2) return [];
  const surname = parts.slice(1).join(' ');
  return [parts.join(' '), `i:${parts[0]!.charAt(0)}|${surname}`, `s:${surname}`];
}

/** The key set of a list of names (built once per check, however long the list). */
function keySet(names: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const n of names) for (const k of nameKeys(n)) keys.add(k);
  return keys;
}

function nameFlags(text: string, names: readonly string[]): PersonalDataFlag[] {
  const keys = keySet(names);
  if (!keys.size) return [];
  const tokens = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    w: word(m[0]),
  }));
  const out: PersonalDataFlag[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let best = -1;
    for (let j = i + 1; j < Math.min(tokens.length, i + MAX_NAME_WORDS); j++) {
      // Only words separated by spaces make one name.
      if (!/^\s+$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      const words = tokens.slice(i, j + 1).map((t) => t.w);
      const rest = (n: number) => words.slice(n).join(' ');
      const hit =
        keys.has(words.join(' ')) ||
        (/^\p{L}$/u.test(words[0]!) && keys.has(`i:${words[0]}|${rest(1)}`)) ||
        (TITLES.has(words[0]!) && keys.has(`s:${rest(1)}`)) ||
        (words.length > 2 && TITLES.has(`${words[0]} ${words[1]}`) && keys.has(`s:${rest(2)}`));
      if (hit) best = j;
    }
    if (best < 0) continue;
    const start = tokens[i]!.start;
    // A sentence's full stop after the name is not part of it.
    const end =
      tokens[best]!.end -
      (/\.$/.test(text.slice(start, tokens[best]!.end)) && tokens[best]!.w.length > 1 ? 1 : 0);
    out.push({ kind: 'name', start, end, match: text.slice(start, end) });
    i = best;
  }
  return out;
}

/** The flags of a text, in text order; overlapping flags are kept once (the first, longest found). */
export function detectPersonalData(text: string, opts: DetectOptions = {}): PersonalDataFlag[] {
  if (!text.trim()) return [];
  const year = opts.year ?? new Date().getUTCFullYear();
  const allowed = new Set((opts.allow ?? []).map(norm).filter(Boolean));
  const allowedDigits = new Set((opts.allow ?? []).map(digitsOnly).filter((d) => d.length >= 8));
  const found: PersonalDataFlag[] = [];
  for (const c of CANDIDATES) {
    for (const m of text.matchAll(c.re)) {
      if (!c.accept(m, text, { year })) continue;
      if (allowed.has(norm(m[0])) || (c.kind === 'phone' && allowedDigits.has(digitsOnly(m[0])))) continue;
      found.push({ kind: c.kind, start: m.index, end: m.index + m[0].length, match: m[0] });
    }
  }
  found.push(...nameFlags(text, opts.names ?? []));
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: PersonalDataFlag[] = [];
  for (const f of found) {
    const last = out.at(-1);
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}
