// Which languages are written right to left (letters set them from the right, e-mails say
// dir="rtl"), and which text needs the letter layout of letter-text.ts.
// Kept apart from the letter layout so that mail rendering does not load the font engine.

/** Languages written right to left. */
const RTL_LANGS = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ckb', 'yi', 'dv']);

/** True for a language written right to left (`ar`, `fa-IR`, …). */
export function isRightToLeft(lang: string): boolean {
  return RTL_LANGS.has(lang.toLowerCase().split('-')[0]!);
}

/** Text that PDFKit alone cannot set: Arabic-script or Ethiopic characters. */
export function needsComplexLayout(text: string): boolean {
  return /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]/.test(text);
}
