// Numbers as each language writes them: "100.000" and "3,25" in Dutch, "100,000" and "3.25" in
// English (issue 14 item 2). Formatters are made once per language and precision.
import type { Lang } from './i18n.js';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const formatters = new Map<string, Intl.NumberFormat>();

/** A number with at most `maxFraction` decimals (default 0), grouped by thousands. */
export function formatNumber(n: number, lang: Lang, maxFraction = 0): string {
  const key = `${lang}:${maxFraction}`;
  let f = formatters.get(key);
  if (!f)
    formatters.set(key, (f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFraction })));
  return f.format(n);
}
