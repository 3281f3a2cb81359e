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
