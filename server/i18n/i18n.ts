// Message catalogues (Dutch default, English) and the lookup used by views, errors and services.
import { nl } from './messages.nl.js';
import { en } from './messages.en.js';
import { FEATURE_MESSAGES } from './feature-messages.js';

export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof nl;

const catalogues: Record<Lang, Record<string, string>> = {
  nl: Object.assign({}, nl, ...FEATURE_MESSAGES.map((m) => m.nl)) as Record<string, string>,
  en: Object.assign({}, en, ...FEATURE_MESSAGES.map((m) => m.en)) as Record<string, string>,
};

/** True for a supported UI language code. */
export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** Looks up a message and fills `{name}` placeholders; unknown keys fall back to Dutch, then the key. */
export function translate(lang: Lang, key: string, vars?: Record<string, unknown>): string {
  const template = catalogues[lang][key] ?? catalogues.nl[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Picks the language: the session's choice, then the user's preference, then Dutch. */
export function pickLanguage(sessionLang: unknown, userLang: unknown): Lang {
  if (isLang(sessionLang)) return sessionLang;
  if (isLang(userLang)) return userLang;
  return 'nl';
}
