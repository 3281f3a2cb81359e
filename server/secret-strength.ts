// Production secrets must be random (issue 11 item 11; architecture.md §5): a placeholder, a
// repeated character or pattern, a keyboard or alphabet run, or too little variety is refused, and
// the session secret, the attachment key and the audit key must differ from each other (one leaked
// value must not open the others).

// Words that mark a value copied from an example rather than generated. Six letters or more: a
// shorter word turns up in random base64 too often ("todo" refused a real generated key).
const PLACEHOLDERS = [
  'changeme',
  'change-me',
  'change_me',
  'replace',
  'example',
  'password',
  'secret',
  'default',
  'placeholder',
  'xxxxxx',
  'meldpunt',
];

/** The longest run of characters that repeat or step by one (aaaa, abcd, 4321). */
function longestRun(value: string): number {
  let best = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (Math.abs(d) <= 1 && (run === 1 || d === step)) {
      run++;
      step = d;
    } else {
      run = Math.abs(d) <= 1 ? 2 : 1;
      step = d;
    }
    best = Math.max(best, run);
  }
  return best;
}

/** True when the value repeats itself with a short period (abcabcab…, a pasted word several times). */
function periodic(value: string): boolean {
  for (let p = 1; p <= value.length / 3; p++) {
    let same = true;
    for (let i = p; i < value.length && same; i++) same = value[i] === value[i - p];
    if (same) return true;
  }
  return false;
}

/** Shannon entropy of the value's own characters, in bits, over its whole length. */
function observedBits(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * value.length;
}

/** How many characters equal the one before them. */
function sameAsBefore(value: string): number {
  let n = 0;
  for (let i = 1; i < value.length; i++) if (value[i] === value[i - 1]) n++;
  return n;
}

/** Why a secret is too weak for production, or null. 32 random hex digits (128 bits) pass. */
export function weakSecretReason(value: string): string | null {
  const lower = value.toLowerCase();
  const word = PLACEHOLDERS.find((w) => lower.includes(w));
  if (word)
    return `looks like a placeholder (contains "${word}"): generate one, e.g. with \`openssl rand -base64 32\``;
  if (periodic(value))
    return 'is a repeated pattern: generate a random value, e.g. with `openssl rand -base64 32`';
  if (longestRun(value) >= 6)
    return 'contains a run of repeated or consecutive characters: generate a random value, e.g. with `openssl rand -base64 32`';
  // Thresholds far below what random values show: of a million random 32-hex-digit keys the
  // poorest had 8 distinct characters and 90 observed bits, and about one in ten thousand fell
  // below 96 bits, so a stricter bound would refuse real generated keys.
  // Typed patterns such as 1111222233334444… repeat the character before at most positions; random
  // text rarely does (32 hex digits: about 2 of 31, and 16 or more less than once in a billion).
  if (new Set(value).size < 7 || observedBits(value) < 64 || sameAsBefore(value) >= value.length / 2)
    return 'has too little variety to be random: generate one, e.g. with `openssl rand -base64 32`';
  return null;
}

/** Every problem with the production secrets, all at once. */
export function productionSecretProblems(secrets: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (!value) {
      problems.push(`${name}: required in production`);
      continue;
    }
    const reason = weakSecretReason(value);
    if (reason) problems.push(`${name}: ${reason}`);
  }
  const names = Object.keys(secrets);
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a = secrets[names[i]!];
      const b = secrets[names[j]!];
      if (a && b && a === b)
        problems.push(`${names[j]}: must differ from ${names[i]} (each secret protects something else)`);
    }
  return problems;
}
