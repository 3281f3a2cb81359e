// Renders emails: one private Handlebars instance, the explicit registry of mail-types.ts, and per
// language a <name>.html.hbs + <name>.txt.hbs pair plus <name>.subject.hbs under templates/<lang>/.
import Handlebars from 'handlebars';
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
// One module per locale: the index would load every locale date-fns has (about 1 MB of code).
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  MAIL_LANGS,
  MAIL_TEMPLATE_NAMES,
  parseMailData,
  type MailData,
  type MailLang,
  type MailTemplateName,
} from './mail-types.js';

/** A rendered email. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = Handlebars.TemplateDelegate;

const TIME_ZONE = tz('Europe/Amsterdam');
const DATE_FORMAT: Record<MailLang, { pattern: string; locale: typeof nl }> = {
  nl: { pattern: "d MMMM yyyy 'om' HH:mm", locale: nl },
  en: { pattern: "d MMMM yyyy 'at' HH:mm", locale: enGB },
};

const hbs = Handlebars.create();
hbs.registerHelper('formatDate', function (value: unknown, options: Handlebars.HelperOptions) {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error('formatDate: not a date');
  const lang = (options.data as { lang?: MailLang }).lang ?? 'nl';
  // Deadlines are stored in UTC and always shown in Dutch time (domain.md §10.5).
  return format(d, DATE_FORMAT[lang].pattern, { in: TIME_ZONE, locale: DATE_FORMAT[lang].locale });
});

// Templates may only use the built-in block helpers and the helpers registered above; strict mode
// turns a field missing from the data into an error instead of an empty link in a sent email.
const BASE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { formatDate: true },
};
const HTML_OPTIONS: CompileOptions = BASE_OPTIONS;
// Text and subjects are not HTML: escaping would show "&amp;" to the reader.
const PLAIN_OPTIONS: CompileOptions = { ...BASE_OPTIONS, noEscape: true };

const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** Finds notifications/templates from the project root, so it also works when running from dist/. */
export function defaultTemplatesDir(): string {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'notifications', 'templates');
    const up = dirname(dir);
    if (up === dir) throw new Error('templates: project root (package.json) not found');
    dir = up;
  }
}

function readTemplate(path: string, html: boolean): Compiled {
  const source = readFileSync(path, 'utf8');
  // Strict escaping: raw output ({{{ }}} or {{& }}) is refused in HTML, so user data is always escaped.
  if (html && /\{\{\{|\{\{~?&/.test(source))
    throw new Error(`templates: unescaped output is not allowed in ${path}`);
  return hbs.compile(source, html ? HTML_OPTIONS : PLAIN_OPTIONS);
}

/** Makes a subject safe as a mail header: a single line, no control characters. */
export function toSubjectLine(raw: string): string {
  const line = raw
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!line) throw new Error('templates: the subject is empty');
  return line;
}

interface LangTemplates {
  footerHtml: Compiled;
  footerText: Compiled;
  mails: Map<MailTemplateName, { subject: Compiled; html: Compiled; text: Compiled }>;
}

/** Renders the registered emails from one templates folder, compiling each file once. */
export class MailRenderer {
  private layout: Compiled | undefined;
  private readonly langs = new Map<MailLang, LangTemplates>();

  constructor(readonly dir: string) {}

  private forLang(lang: MailLang): LangTemplates {
    let entry = this.langs.get(lang);
    if (!entry) {
      const partials = join(this.dir, lang, 'partials');
      entry = {
        footerHtml: readTemplate(join(partials, 'footer.html.hbs'), true),
        footerText: readTemplate(join(partials, 'footer.txt.hbs'), false),
        mails: new Map(),
      };
      this.langs.set(lang, entry);
    }
    return entry;
  }

  private templates(name: MailTemplateName, lang: MailLang) {
    const entry = this.forLang(lang);
    let mail = entry.mails.get(name);
    if (!mail) {
      const base = join(this.dir, lang, name);
      mail = {
        subject: readTemplate(`${base}.subject.hbs`, false),
        html: readTemplate(`${base}.html.hbs`, true),
        text: readTemplate(`${base}.txt.hbs`, false),
      };
      entry.mails.set(name, mail);
    }
    this.layout ??= readTemplate(join(this.dir, 'partials', 'layout.html.hbs'), true);
    return { ...mail, footerHtml: entry.footerHtml, footerText: entry.footerText, layout: this.layout };
  }

  /** Validates the data against the registry, then renders subject, HTML and text. */
  render<N extends MailTemplateName>(name: N, lang: MailLang, data: MailData<N>): RenderedMail {
    if (!MAIL_TEMPLATE_NAMES.includes(name)) throw new Error(`templates: unknown email type ${String(name)}`);
    if (!(MAIL_LANGS as readonly string[]).includes(lang))
      throw new Error(`templates: unknown language ${String(lang)}`);
    const t = this.templates(name, lang);
    const context = parseMailData(name, data);
    const subject = toSubjectLine(t.subject(context, { ...RUNTIME_OPTIONS, data: { lang } }));
    const html = t.html(context, {
      ...RUNTIME_OPTIONS,
      data: { lang, subject },
      partials: { layout: t.layout, footer: t.footerHtml },
    });
    const text = t.text(context, {
      ...RUNTIME_OPTIONS,
      data: { lang, subject },
      partials: { footer: t.footerText },
    });
    return { subject, html, text };
  }

  /** Compiles every registered email in every language; call at start-up to fail fast. */
  compileAll(): void {
    for (const lang of MAIL_LANGS) for (const name of MAIL_TEMPLATE_NAMES) this.templates(name, lang);
  }
}

let defaultRenderer: MailRenderer | undefined;

/** The renderer for the project's own templates folder (created on first use). */
export function getMailRenderer(): MailRenderer {
  defaultRenderer ??= new MailRenderer(defaultTemplatesDir());
  return defaultRenderer;
}

/** Renders a registered email in a language: `{ subject, html, text }`; throws on invalid data. */
export function renderMail<N extends MailTemplateName>(
  name: N,
  lang: MailLang,
  data: MailData<N>,
): RenderedMail {
  return getMailRenderer().render(name, lang, data);
}
