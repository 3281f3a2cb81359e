// Handlebars helpers for pages. Output is escaped by Handlebars unless a helper returns SafeString,
// which none of these do with user data.
import type { HelperOptions } from 'handlebars';
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { isPublicLang, translate, type PublicLang } from './i18n/i18n.js';
import { localInputValue } from './local-time.js';
import { knownLanguage } from './i18n/language-names.js';

/** A Date from a Date, ISO string or timestamp; undefined otherwise. */
function toDate(d: unknown): Date | undefined {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? undefined : d;
  if (typeof d === 'string' || typeof d === 'number') {
    const date = new Date(d);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

// A page's language: nl or en, or on the public report pages one of their own languages (issue 15).
function langOf(options: HelperOptions): PublicLang {
  const root = (options.data as { root?: { lang?: unknown } } | undefined)?.root;
  return isPublicLang(root?.lang) ? root.lang : 'nl';
}

/** `{{t "key" name=value}}`: a message in the page's language. */
function t(key: unknown, options: HelperOptions): string {
  return translate(langOf(options), String(key), options.hash as Record<string, unknown>);
}

/** `{{dateTime d}}`: a timestamp shown in Europe/Amsterdam (stored in UTC). */
function dateTime(d: unknown, options: HelperOptions): string {
  const date = toDate(d);
  if (!date) return '';
  const pattern = langOf(options) === 'en' ? 'd MMM yyyy, HH:mm' : 'd-M-yyyy HH:mm';
  return format(date, pattern, { in: tz('Europe/Amsterdam') });
}

/** `{{isoDate d}}`: ISO 8601 (for datetime attributes and scripts). */
function isoDate(d: unknown): string {
  return toDate(d)?.toISOString() ?? '';
}

/**
 * `{{localInput d}}`: value for <input type="datetime-local"> in Europe/Amsterdam — an instant
 * converted, a typed wall-clock value kept exactly (server/local-time.ts).
 */
function localInput(d: unknown): string {
  return localInputValue(d);
}

const eq = (a: unknown, b: unknown): boolean => String(a) === String(b);
const includes = (list: unknown, v: unknown): boolean =>
  Array.isArray(list) && list.map(String).includes(String(v));
const or = (...args: unknown[]): boolean => args.slice(0, -1).some(Boolean);
const and = (...args: unknown[]): boolean => args.slice(0, -1).every(Boolean);
const not = (v: unknown): boolean => !v;
const concat = (...args: unknown[]): string => args.slice(0, -1).map(String).join('');
/** `{{#if (knownLang code)}} lang="{{code}}"{{/if}}`: mark a language only when it is a real one. */
const knownLang = (code: unknown): boolean => typeof code === 'string' && knownLanguage(code);

export const viewHelpers = {
  t,
  dateTime,
  isoDate,
  localInput,
  eq,
  includes,
  or,
  and,
  not,
  concat,
  knownLang,
};
