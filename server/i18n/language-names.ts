// The name of a language in the UI's language ("Engels" on a Dutch page, not "English"), from the
// runtime's Unicode data; the code itself when the runtime does not know it.
import type { Lang } from './i18n.js';

const namers = new Map<Lang, Intl.DisplayNames>();

/** "en" on a Dutch page: "Engels"; on an English page: "English". */
export function languageName(code: string, ui: Lang): string {
  let namer = namers.get(ui);
  if (!namer) namers.set(ui, (namer = new Intl.DisplayNames([ui], { type: 'language', fallback: 'code' })));
  try {
    return namer.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * True when the runtime knows `code` as a language (it has a name for it). A page marks text with
 * `lang` only then: a code an administrator made up (e.g. a private-use "qaa") would be an invalid
 * `lang` value for assistive technology (WCAG 3.1.2).
 */
export function knownLanguage(code: string): boolean {
  const name = languageName(code, 'en');
  return name !== code && name.toLowerCase() !== code.toLowerCase();
}
