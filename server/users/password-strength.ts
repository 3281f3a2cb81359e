// Password strength beyond length (issue 11 item 11; architecture.md §5): a maintained strength
// estimator (zxcvbn-ts) with English and Dutch dictionaries and its list of commonly used
// passwords, with the person's own name and address and the organisation's name counted as easy
// to guess. The dictionaries take about 40 MB, so they are loaded on first use only (choosing a
// password is rare: the first administrator, `user:create`), never at start.
import type { ZxcvbnResult } from '@zxcvbn-ts/core';

/** What is wrong with a password, as a message key of the field. */
export type PasswordProblem = 'field.passwordCommon' | 'field.passwordWeak';

// zxcvbn's score: 3 means "safely unguessable: moderate protection from offline slow-hash attacks"
// (about 10^8 guesses and more), which argon2id hashing (password.ts) makes expensive enough.
const MIN_SCORE = 3;
// A match in the list of common passwords that covers this much of the password makes it common.
const COMMON_SHARE = 0.6;

let estimator: Promise<(password: string, userInputs: string[]) => ZxcvbnResult> | undefined;

function loadEstimator(): Promise<(password: string, userInputs: string[]) => ZxcvbnResult> {
  estimator ??= (async () => {
    const [core, common, en, nl] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-nl-be'),
    ]);
    core.zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password, userInputs) => core.zxcvbn(password, userInputs);
  })();
  return estimator;
}

/** The words of a person's name and e-mail address, and of the organisation, that a guesser would try. */
export function personalWords(...values: (string | undefined)[]): string[] {
  const words = new Set<string>(['meldpunt', 'datalek', 'privacy']);
  for (const v of values) {
    if (v && v.length >= 3) words.add(v.toLowerCase());
    for (const w of (v ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3) words.add(w);
  }
  return [...words];
}

/** Null for a good password; otherwise why it is refused. */
export async function passwordStrengthProblem(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordProblem | null> {
  const estimate = await loadEstimator();
  const result = estimate(password.slice(0, 200), userInputs);
  const common = result.sequence.some(
    (m) =>
      m.pattern === 'dictionary' &&
      (m as { dictionaryName?: string }).dictionaryName === 'passwords' &&
      m.token.length >= password.length * COMMON_SHARE,
  );
  if (common) return 'field.passwordCommon';
  return result.score < MIN_SCORE ? 'field.passwordWeak' : null;
}
