// Issue 14: every page in both languages, as each role sees it, read the way a Dutch user reads it.
// The GET routes are discovered from the router (new pages are covered without editing this file)
// and filled with real records; every HTML page that answers 200 is checked for message keys that
// were never translated, code names (snake_case, camelCase), English words on a Dutch page and
// decimal points in Dutch numbers. Text marked with another `lang` (the language switch, a
// template's own language, quoted originals) is left out, as a screen reader would switch voice.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { preparedRun, makeIncident, insertPersons, contacts, testDomain } from '../helpers/notices.js';
import { nl } from '../../server/i18n/messages.nl.js';
import { User } from '../../models/user.model.js';
import { FEATURE_MESSAGES } from '../../server/i18n/feature-messages.js';

const KEYS = new Set([...Object.keys(nl), ...FEATURE_MESSAGES.flatMap((m) => Object.keys(m.nl))]);

/** English words that have no place in Dutch running text (Dutch homographs such as "is", "in", "over" are not listed). */
const ENGLISH = [
  'the',
  'and',
  'with',
  'your',
  'you',
  'please',
  'click',
  'save',
  'cancel',
  'submit',
  'preview',
  'delete',
  'edit',
  'search',
  'next',
  'previous',
  'back',
  'settings',
  'officer',
  'report',
  'reports',
  'breach',
  'deadline',
  'overdue',
  'none',
  'unknown',
  'yes',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Invalid',
  'sent',
  'failed',
  'pending',
  'draft',
  'approved',
  'download',
  'upload',
];
/** Proper names and loan words Dutch uses as they are. */
const ALLOWED = new Set([
  'e-mail',
  'e-mailadres',
  'e-mails',
  'CSV',
  'JSON',
  'PDF',
  'Excel',
  'ENISA',
  'EDPB',
  'NCSC',
  'AVG',
  'AP',
  'BSN',
  'IBAN',
  'SMTP',
  'Meldpunt',
  'FerretDB',
  'MongoDB',
  'iCalendar',
  'TOTP',
]);

/** The text a person reads on the page, and the attribute texts a screen reader speaks. */
function readableText(html: string, pageLang: string): string {
  let s = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(textarea)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  // Elements in another language (non-nested approximation: innermost first, repeated).
  for (let i = 0; i < 5; i++)
    s = s.replace(
      new RegExp(
        `<(\\w+)\\b[^>]*\\blang="(?!${pageLang})[a-zA-Z-]+"[^>]*>(?:(?!<\\1\\b)[\\s\\S])*?</\\1>`,
        'g',
      ),
      ' ',
    );
  const attrs = [...s.matchAll(/\b(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = s.replace(/<[^>]+>/g, ' ');
  return [text, ...attrs]
    .join(' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ');
}

/** What is wrong with a page's text; empty when nothing is. */
function problems(text: string, lang: 'nl' | 'en', fixtureWords: Set<string>): string[] {
  const out: string[] = [];
  // Addresses, links, ids and the test's own data are not UI text.
  const clean = text
    .replace(/\S+@\S+/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\/[\w./:?=&%-]+/g, ' ')
    .replace(/\b[0-9a-f]{24}\b/g, ' ')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, ' ');
  // The words around a finding, so the message says where it is.
  const at = (i: number) =>
    clean
      .slice(Math.max(0, i - 40), i + 40)
      .replace(/\s+/g, ' ')
      .trim();
  for (const m of clean.matchAll(/\b[a-z][\w-]*(?:\.[\w-]+)+\b/g))
    if (KEYS.has(m[0])) out.push(`untranslated key "${m[0]}" in "…${at(m.index)}…"`);
  for (const m of clean.matchAll(/\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-z]+[a-zA-Z]*\b/g))
    if (!fixtureWords.has(m[0]) && !ALLOWED.has(m[0])) out.push(`code name "${m[0]}" in "…${at(m.index)}…"`);
  if (lang === 'nl') {
    for (const w of ENGLISH) {
      const m = new RegExp(`(?<![\\w-])${w}(?![\\w-])`, 'i').exec(clean);
      if (m && !ALLOWED.has(w) && !fixtureWords.has(w.toLowerCase()))
        out.push(`English word "${w}" in "…${at(m.index)}…"`);
    }
    // "3.25" is English; "10.000" is a Dutch thousand and passes.
    for (const m of clean.matchAll(/(?<![\w.,-])\d+\.(?:\d{1,2}|\d{4,})(?![\w.-])/g))
      out.push(`decimal point "${m[0]}" in "…${at(m.index)}…"`);
  }
  return out;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

describe('http: every page reads as Dutch (and as English), without keys, codes or decimal points (issue 14)', function () {
  this.timeout(300_000);
  let t: TestApp;
  const fill: Record<string, string> = {};
  const fixtureWords = new Set<string>();

  before(async () => {
    t = await buildTestApp();
    const reporter = await makeUser('reporter', { name: 'Rianne Melder' });
    const filed = await fileReport(reporter, t.clock.now(), {
      summary: 'Een brief met dossiergegevens is naar het verkeerde adres gestuurd.',
    });
    fill.id = filed.id;
    const incident = await makeIncident(reporter, t.clock.now());
    await insertPersons(incident._id, contacts(3, testDomain()), reporter.id, t.clock.now());
    const { runId } = await preparedRun(incident, t.clock.now(), { start: false });
    fill.runId = runId;
    fill.lang = 'nl';
  });

  function getRoutes(): string[] {
    const out: string[] = [];
    const walk = (stack: Layer[]) => {
      for (const l of stack) {
        if (l.route && l.route.methods.get && typeof l.route.path === 'string') out.push(l.route.path);
        else if (l.handle?.stack) walk(l.handle.stack);
      }
    };
    walk((t.app as unknown as { router: { stack: Layer[] } }).router.stack);
    return [...new Set(out)];
  }

  const urlOf = (path: string): string | null => {
    let ok = true;
    const url = path.replace(/:(\w+)/g, (_, name: string) => {
      const v = fill[name] ?? (name === 'id' ? fill.id : undefined);
      if (!v) ok = false;
      return v ?? '';
    });
    return ok ? url : null;
  };

  for (const role of ['reporter', 'privacy_officer', 'ministry_liaison', 'admin', 'management'] as const) {
    it(`when a ${role} opens every page in Dutch and in English, then no page shows a message key, a code name, an English word in Dutch or a Dutch number with a decimal point`, async () => {
      const user = await makeUser(role, { name: 'Dirk de Lezer' });
      // People's names are data, not UI text (other test files share the database: "Olga Officer").
      for (const u of await User.find({}).select({ name: 1 }).lean())
        for (const w of u.name.split(/\s+/)) fixtureWords.add(w).add(w.toLowerCase());
      const agent: Agent = await signIn(t.app, user);
      const found: string[] = [];
      let checked = 0;
      for (const lang of ['nl', 'en'] as const) {
        if (lang === 'en') {
          const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/account')).text)?.[1];
          await agent.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: '/' });
        }
        for (const path of getRoutes()) {
          const url = urlOf(path);
          if (
            !url ||
            /\.(json|csv|xlsx|pdf|ics)$|\/html$|^\/healthz|^\/logout|^\/setup|^\/calendar|^\/static/.test(url)
          )
            continue;
          const res = await agent.get(url);
          if (res.status !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue;
          checked++;
          for (const p of problems(readableText(res.text, lang), lang, fixtureWords))
            found.push(`${lang} ${url}: ${p}`);
        }
      }
      assert.ok(checked >= (role === 'privacy_officer' ? 20 : 4), `${checked} pages checked`);
      assert.deepEqual([...new Set(found)], []);
    });
  }
});
