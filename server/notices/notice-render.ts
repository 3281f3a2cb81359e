// Rendering notices (domain.md §10.6) safely: a private Handlebars instance without any helper that
// reaches outside (no log, no lookup, no partials), strict about unknown fields, no prototype access.
// A template renders to plain text; the HTML part is built from that text with every character
// escaped, so neither a template nor the data can put markup into a mail.
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { toSubjectLine } from '../../notifications/templates.js';
import { isRightToLeft } from './text-direction.js';

const hbs = Handlebars.create();
hbs.unregisterHelper('log');
hbs.unregisterHelper('lookup');

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { log: false, lookup: false },
  noEscape: true,
  preventIndent: true,
};
const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  partials: {},
  decorators: {},
};

/** The data a notice template may use (documented on the template edit page). */
export interface NoticeData {
  recipient: { name: string };
  /**
   * The incident as the notice tells it: its date (when it happened, else when it was found —
   * `dateIsDiscovery` — in the reader's language), whether data leaked (a confidentiality breach: only then does the subject
   * say "gelekt"), and whether it is still being investigated (then the notice promises an update).
   */
  incident: {
    reference: string;
    date: string;
    dateIsDiscovery: boolean;
    leak: boolean;
    investigating: boolean;
  };
  notice: {
    whatHappened: string;
    dataConcerned: string;
    consequences: string;
    measures: string;
    advice: string;
  };
  org: { name: string; email: string; phone: string; address: string; dpoName: string; dpoEmail: string };
  date: string;
}

/** A compiled template version. */
export interface CompiledNotice {
  lang: string;
  version: number;
  subject: (data: NoticeData) => string;
  body: (data: NoticeData) => string;
}

/** A rendered notice. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  /** The rendered body with its block markers (`## ` headings), for letters and previews. */
  raw: string;
}

/** A template that does not compile or render; `messageKey` explains it to the editor. */
export class NoticeTemplateError extends Error {
  constructor(
    readonly field: 'subject' | 'body',
    readonly messageKey: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'NoticeTemplateError';
  }
}

// Bounds checked before compiling (issue 11 item 3): Handlebars compiles on the event loop, and a
// template of thousands of nested blocks took 20 s to compile, stalling every request meanwhile.
// Real notices use a few dozen fields and blocks, nested two or three deep; within these bounds a
// compile takes milliseconds. The same bounds hold for saving, the preview page and the live preview.
export const TEMPLATE_BOUNDS = { subject: 500, body: 20_000, tags: 300, depth: 8 } as const;

function checkBounds(field: 'subject' | 'body', source: string): void {
  if (source.length > TEMPLATE_BOUNDS[field])
    throw new NoticeTemplateError(
      field,
      'notices.template.tooLong',
      `longer than ${TEMPLATE_BOUNDS[field]} characters`,
    );
  let tags = 0;
  let depth = 0;
  for (const m of source.matchAll(/\{\{~?\s*([#^/]?)/g)) {
    tags++;
    if (m[1] === '#' || m[1] === '^') depth++;
    else if (m[1] === '/') depth = Math.max(0, depth - 1);
    if (tags > TEMPLATE_BOUNDS.tags || depth > TEMPLATE_BOUNDS.depth)
      throw new NoticeTemplateError(
        field,
        'notices.template.tooComplex',
        `more than ${TEMPLATE_BOUNDS.tags} tags or ${TEMPLATE_BOUNDS.depth} levels`,
      );
  }
}

function compileOne(field: 'subject' | 'body', source: string): (data: NoticeData) => string {
  checkBounds(field, source);
  // Partials and decorators would reach outside the template; refuse them before compiling.
  if (/\{\{~?\s*(#\s*)?[>*]/.test(source)) {
    throw new NoticeTemplateError(
      field,
      'notices.template.noPartials',
      'partials and decorators are not allowed',
    );
  }
  let fn: Handlebars.TemplateDelegate;
  try {
    fn = hbs.compile(source, COMPILE_OPTIONS);
    // Compilation is lazy: force it now so syntax errors surface here.
    fn(sampleNoticeData('nl'), RUNTIME_OPTIONS);
  } catch (err) {
    if (err instanceof NoticeTemplateError) throw err;
    const detail = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : String(err);
    throw new NoticeTemplateError(field, 'notices.template.invalid', detail);
  }
  return (data: NoticeData) => fn(data, RUNTIME_OPTIONS);
}

/** Compiles a template version; throws NoticeTemplateError when it is invalid or uses unknown fields. */
export function compileNotice(t: {
  lang: string;
  version: number;
  subject: string;
  body: string;
}): CompiledNotice {
  return {
    lang: t.lang,
    version: t.version,
    subject: compileOne('subject', t.subject),
    body: compileOne('body', t.body),
  };
}

/** sha256 of a template version's content: what an approval pins. */
export function templateHash(t: { lang: string; subject: string; body: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([t.lang, t.subject, t.body]))
    .digest('hex');
}

/** Sample data for previews and for checking a template when it is saved. */
export function sampleNoticeData(lang: string): NoticeData {
  const nl = lang === 'nl';
  return {
    recipient: { name: nl ? 'Fatima de Vries' : 'Fatima de Vries' },
    incident: {
      reference: 'DL-2026-0001',
      date: nl ? '3 januari 2026' : '3 January 2026',
      dateIsDiscovery: false,
      leak: true,
      investigating: true,
    },
    notice: {
      whatHappened: nl
        ? 'Op 5 januari is een e-mail met uw gegevens naar een verkeerde ontvanger gestuurd.'
        : 'On 5 January an e-mail with your details was sent to the wrong recipient.',
      dataConcerned: nl
        ? 'Uw naam, adres en burgerservicenummer (BSN).'
        : 'Your name, address and citizen service number (BSN).',
      consequences: nl
        ? 'Iemand kan proberen uw gegevens te misbruiken, bijvoorbeeld voor phishing.'
        : 'Someone may try to misuse your details, for example for phishing.',
      measures: nl
        ? 'Wij hebben de ontvanger gevraagd de e-mail te verwijderen.'
        : 'We asked the recipient to delete the e-mail.',
      advice: nl ? 'Wees alert op berichten die u niet verwacht.' : 'Be alert to messages you do not expect.',
    },
    org: {
      name: 'Stichting Nederlands Migratie Instituut',
      email: 'nmi@nmigratie.nl',
      phone: '030 000 0000',
      address: 'Catharijnesingel 50, 3511 GC Utrecht',
      dpoName: 'Functionaris gegevensbescherming NMI',
      dpoEmail: 'nmi@nmigratie.nl',
    },
    date: nl ? '5 januari 2026' : '5 January 2026',
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Splits rendered text into blocks: headings (`## `), bullet lists (`- `) and paragraphs. */
export function textBlocks(text: string): { kind: 'heading' | 'list' | 'paragraph'; lines: string[] }[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trimEnd()))
    .filter((lines) => lines.some((l) => l.trim() !== ''))
    .flatMap((lines) => {
      // A heading line followed by text in the same block: the heading, then the rest.
      if (lines[0]!.startsWith('## ')) {
        const head = { kind: 'heading' as const, lines: [lines[0]!.slice(3).trim()] };
        const rest = lines.slice(1);
        return rest.length ? [head, ...textBlocks(rest.join('\n'))] : [head];
      }
      if (lines.every((l) => l.startsWith('- ')))
        return [{ kind: 'list' as const, lines: lines.map((l) => l.slice(2)) }];
      return [{ kind: 'paragraph' as const, lines }];
    });
}

/** The plain-text form: headings without their marker. */
export function plainText(text: string): string {
  return textBlocks(text)
    .map((b) => (b.kind === 'list' ? b.lines.map((l) => `- ${l}`).join('\n') : b.lines.join('\n')))
    .join('\n\n');
}

/** The HTML of a rendered body: every character escaped, structure from the text blocks. */
export function bodyHtml(text: string): string {
  return textBlocks(text)
    .map((b) => {
      if (b.kind === 'heading')
        return `<h2 style="font-size:1.15em;margin:1.2em 0 .3em">${escapeHtml(b.lines[0]!)}</h2>`;
      if (b.kind === 'list') return `<ul>${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
      return `<p>${b.lines.map(escapeHtml).join('<br>')}</p>`;
    })
    .join('\n');
}

function htmlDocument(subject: string, sections: { lang: string; html: string }[]): string {
  // Right-to-left languages (Arabic, Persian, …) get dir="rtl", so mail clients set them from the right.
  const body = sections
    .map(
      (s) =>
        `<div lang="${escapeHtml(s.lang)}"${isRightToLeft(s.lang) ? ' dir="rtl"' : ''}>\n${s.html}\n</div>`,
    )
    .join('\n<hr>\n');
  return (
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1d2330;max-width:40em">\n${body}\n</body></html>`
  );
}

/** Renders one language: subject, text and HTML. */
export function renderNotice(t: CompiledNotice, data: NoticeData): RenderedNotice {
  const subject = toSubjectLine(t.subject(data));
  const raw = t.body(data);
  return {
    subject,
    text: plainText(raw),
    html: htmlDocument(subject, [{ lang: t.lang, html: bodyHtml(raw) }]),
    raw,
  };
}

/**
 * Renders for a recipient whose language has no template: Dutch and English in one message
 * (issue 7 item 2), Dutch first, both subjects in the subject line.
 */
export function renderFallbackNotice(
  nl: CompiledNotice,
  en: CompiledNotice,
  dataNl: NoticeData,
  dataEn: NoticeData,
): RenderedNotice {
  const a = { subject: toSubjectLine(nl.subject(dataNl)), raw: nl.body(dataNl) };
  const b = { subject: toSubjectLine(en.subject(dataEn)), raw: en.body(dataEn) };
  const subject = toSubjectLine(`${a.subject} / ${b.subject}`);
  return {
    subject,
    text: `${plainText(a.raw)}\n\n----------------------------------------\n\n${plainText(b.raw)}`,
    html: htmlDocument(subject, [
      { lang: 'nl', html: bodyHtml(a.raw) },
      { lang: 'en', html: bodyHtml(b.raw) },
    ]),
    raw: `${a.raw}\n\n----------------------------------------\n\n${b.raw}`,
  };
}
