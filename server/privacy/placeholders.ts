// Neutral templates mark what the privacy officer still has to write as "[[…]]" (issue 12,
// problem 5). A text with such a placeholder left is a draft: never complete, never sent or filed.

/** A placeholder of a neutral template. */
export const PLACEHOLDER = /\[\[[^\]]*\]\]/;

/** True while a text still holds a placeholder of its neutral template. */
export function hasPlaceholder(text: string | null | undefined): boolean {
  return !!text && PLACEHOLDER.test(text);
}
