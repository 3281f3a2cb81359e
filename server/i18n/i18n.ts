// Message catalogues (Dutch default, English) and the lookup used by views, errors and services.
import { nl } from './messages.nl.js';
import { en } from './messages.en.js';
import { FEATURE_MESSAGES, PUBLIC_PAGE_MESSAGES } from './feature-messages.js';

export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof nl;

/**
 * The languages of the public report pages only (issue 15: "Dutch and English plus the languages
 * the notices support"): the app's two plus languages many of the clients read. Their catalogues
 * hold only the texts of those pages; any other text falls back to English.
 */
export const PUBLIC_LANGUAGES = ['nl', 'en', 'tr', 'ar'] as const;
export type PublicLang = (typeof PUBLIC_LANGUAGES)[number];

const catalogues: Record<PublicLang, Record<string, string>> = {
  nl: Object.assign({}, nl, ...FEATURE_MESSAGES.map((m) => m.nl)) as Record<string, string>,
  en: Object.assign({}, en, ...FEATURE_MESSAGES.map((m) => m.en)) as Record<string, string>,
  ...PUBLIC_PAGE_MESSAGES,
};

/** True for a supported UI language code. */
export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** True for a language of the public report pages. */
export function isPublicLang(v: unknown): v is PublicLang {
  return typeof v === 'string' && (PUBLIC_LANGUAGES as readonly string[]).includes(v);
}

/** The app language that stands in for a public page's language elsewhere (mails, numbers): itself or English. */
export function appLang(lang: PublicLang): Lang {
  return isLang(lang) ? lang : 'en';
}

/**
 * Looks up a message and fills `{name}` placeholders; unknown keys fall back to Dutch (in a
 * language of the public pages first to English), then the key.
 */
export function translate(lang: PublicLang, key: string, vars?: Record<string, unknown>): string {
  const template =
    catalogues[lang][key] ?? (isLang(lang) ? undefined : catalogues.en[key]) ?? catalogues.nl[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** True when the catalogue of `lang` itself has the message (no fallback). */
export function hasOwnMessage(lang: PublicLang, key: string): boolean {
  return Object.hasOwn(catalogues[lang], key);
}

/** Picks the language: the session's choice, then the user's preference, then Dutch. */
export function pickLanguage(sessionLang: unknown, userLang: unknown): Lang {
  if (isLang(sessionLang)) return sessionLang;
  if (isLang(userLang)) return userLang;
  return 'nl';
}
