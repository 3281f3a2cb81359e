// Rendering a run's notice for many recipients (issue 10): the notice of one language differs per
// recipient only by the name, so it is rendered once with a marker in place of the name and the
// name is put in per recipient — the same text, a fraction of the work. Only where that is provably
// the same as a full render: the template must use the name as given (checked by rendering with two
// different markers), the name must not appear in the subject line (which is shortened and
// folded), and the name must be one that cannot change the text's structure (no line breaks or
// tabs, no leading or trailing spaces, not starting with a heading or list marker). Any other case
// renders in full.
import { escapeHtml, type RenderedNotice } from './notice-render.js';
import { effectiveLang, renderForRecipient, type RunContent } from './run-content.js';

// Private-use characters, never in a name we substitute (see plainName), around characters HTML
// escaping changes: a template that escaped or otherwise changed the name fails the check.
const MARK_A = '\uE000&<A>\uE000';
const MARK_B = '\uE000&<B>\uE000';
const HTML_A = escapeHtml(MARK_A);
const HTML_B = escapeHtml(MARK_B);

interface NameSlots {
  rendered: RenderedNotice;
  template: string;
  lang: string;
}

/** A name that, put into a line of text, leaves the text's blocks as they are. */
function plainName(name: string): boolean {
  return (
    name !== '' && name === name.trim() && !/[\r\n\t\f\v\uE000-\uF8FF]/.test(name) && !/^(#|- )/.test(name)
  );
}

function swap(s: string, from: string, to: string): string {
  return s.split(from).join(to);
}

/** True when the two renders differ only where the name is (so: the name is not in the subject). */
function sameExceptMark(a: RenderedNotice, b: RenderedNotice): boolean {
  return (
    swap(a.text, MARK_A, MARK_B) === b.text &&
    swap(a.raw, MARK_A, MARK_B) === b.raw &&
    swap(a.html, HTML_A, HTML_B) === b.html &&
    a.subject === b.subject
  );
}

/** Renders one run's notices: `render(lang, name)` returns what renderForRecipient would. */
export interface RecipientRenderer {
  render(lang: string, name: string): ReturnType<typeof renderForRecipient>;
  /** How many notices were made by putting the name in (the rest were rendered in full). */
  readonly substituted: number;
}

/** A renderer for one run's content. */
export function recipientRenderer(content: RunContent): RecipientRenderer {
  let substituted = 0;
  const slots = new Map<string, NameSlots | null>();
  const slotsFor = (use: string): NameSlots | null => {
    let s = slots.get(use);
    if (s !== undefined) return s;
    const a = renderForRecipient(content, use === 'nl+en' ? '' : use, MARK_A);
    const b = renderForRecipient(content, use === 'nl+en' ? '' : use, MARK_B);
    const usable = a.lang === use && sameExceptMark(a.rendered, b.rendered);
    s = usable ? { rendered: a.rendered, template: a.template, lang: a.lang } : null;
    slots.set(use, s);
    return s;
  };
  const render = (lang: string, name: string) => {
    const s = plainName(name) ? slotsFor(effectiveLang(content, lang)) : null;
    if (!s) return renderForRecipient(content, lang, name);
    const r = s.rendered;
    substituted++;
    return {
      rendered: {
        subject: r.subject,
        text: swap(r.text, MARK_A, name),
        html: swap(r.html, HTML_A, escapeHtml(name)),
        raw: swap(r.raw, MARK_A, name),
      },
      template: s.template,
      lang: s.lang,
    };
  };
  return {
    render,
    get substituted() {
      return substituted;
    },
  };
}
