// Which languages are written right to left: letters set them from the right, e-mails say dir="rtl".
// Kept apart from the letter layout so that mail rendering does not load the font engine.

/** Languages written right to left. */
const RTL_LANGS = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ckb', 'yi', 'dv']);

/** True for a language written right to left (`ar`, `fa-IR`, …). */
export function isRightToLeft(lang: string): boolean {
  return RTL_LANGS.has(lang.toLowerCase().split('-')[0]!);
}
