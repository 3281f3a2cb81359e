// How a feature defines its UI texts: Dutch and English with identical keys. Imports nothing, so
// every *.messages.ts can use it while feature-messages.ts lists them all.

/** A feature's message catalogue: Dutch and English with identical keys. */
export interface FeatureMessages<K extends string = string> {
  nl: Record<K, string>;
  en: Record<K, string>;
}

/** Defines a feature catalogue; the type checker enforces that English has every Dutch key. */
export function defineMessages<K extends string>(
  nl: Record<K, string>,
  en: Record<K, string>,
): FeatureMessages<K> {
  return { nl, en };
}
