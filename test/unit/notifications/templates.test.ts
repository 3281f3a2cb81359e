// Every email type in every language: subject, HTML and text agree, and user data is escaped in
// HTML but readable in text (architecture.md §3 rule 8).
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderMail,
  MailRenderer,
  defaultTemplatesDir,
  toSubjectLine,
  getMailRenderer,
} from '../../../notifications/templates.js';
import { MAIL_LANGS, MAIL_TEMPLATE_NAMES, type MailTemplateName } from '../../../notifications/mail-types.js';

// Handlebars' HTML escaping, written out independently so the test does not trust the library.
function escapeHtml(s: string): string {
  const map: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;',
  };
  return s.replace(/[&<>"'`=]/g, (c) => map[c]!);
}

const NASTY = `<script>alert("x")</script> & 'Ü'`;
const REFERENCE = `DL-2026-0007<b>&"`;
const LINK = 'https://meldpunt.example.nl/incidents/DL-2026-0007?tab=notices&x=<1>';
// 2026-03-29 01:30 UTC is 03:30 in Amsterdam: the first hour of summer time.
const DEADLINE = new Date('2026-03-29T01:30:00Z');
const DATE_TEXT = { nl: '29 maart 2026 om 03:30', en: '29 March 2026 at 03:30' } as const;

interface Case {
  data: Record<string, unknown>;
  /** Must appear in the subject, the HTML (escaped) and the text. */
  inAll: string[];
  /** Must appear in the HTML (escaped) and the text. */
  inBodies: string[];
  dated: boolean;
}

const CASES: Record<MailTemplateName, Case> = {
  'report-receipt': {
    data: { reference: REFERENCE, link: LINK, reportedAt: DEADLINE },
    inAll: [REFERENCE],
    inBodies: [LINK],
    dated: true,
  },
  'report-alert': {
    data: { reference: REFERENCE, link: LINK, reportedAt: DEADLINE },
    inAll: [REFERENCE],
    inBodies: [LINK],
    dated: true,
  },
  'deadline-reminder': {
    data: { dutyName: NASTY, reference: REFERENCE, deadline: DEADLINE, hoursLeft: 23.9, link: LINK },
    inAll: [REFERENCE, NASTY, '23'],
    inBodies: [LINK],
    dated: true,
  },
  'deadline-escalation': {
    data: { dutyName: NASTY, reference: REFERENCE, deadline: DEADLINE, hoursOverdue: 5, link: LINK },
    inAll: [REFERENCE, NASTY],
    inBodies: [LINK, '5'],
    dated: true,
  },
  'user-welcome': {
    data: { name: NASTY, signInLink: LINK },
    inAll: [],
    inBodies: [NASTY, LINK],
    dated: false,
  },
  'intake-message': {
    data: { link: LINK },
    inAll: [],
    inBodies: [LINK],
    dated: false,
  },
  'intake-reporter-message': {
    data: { reference: REFERENCE, link: LINK, file: false },
    inAll: [REFERENCE],
    inBodies: [LINK],
    dated: false,
  },
  'ministry-notice': {
    data: {
      reference: REFERENCE,
      followUp: false,
      processor: false,
      organisation: NASTY,
      summary: `${NASTY}\nTweede regel`,
      riskLevel: 'Hoog risico',
      apReference: 'AP-12345',
      apFiledAt: DEADLINE,
      apWithdrawn: false,
      subjectsCount: '40 tot 55',
      recordsCount: '120',
      measures: 'Ontvanger gevraagd de e-mail te verwijderen',
      contactName: 'Privacy officer NMI',
      contactEmail: 'nmi@nmigratie.nl',
      contactPhone: null,
      discoveredAt: DEADLINE,
      link: LINK,
    },
    inAll: [REFERENCE, NASTY],
    inBodies: [LINK, 'AP-12345', '40 tot 55', 'Ontvanger gevraagd de e-mail te verwijderen'],
    dated: true,
  },
  'ministry-notice-reminder': {
    data: { reference: REFERENCE, sentAt: DEADLINE, link: LINK },
    inAll: [REFERENCE],
    inBodies: [LINK],
    dated: true,
  },
  'notice-run-paused': {
    data: { reference: REFERENCE, failures: 50, pausedAt: DEADLINE, link: LINK },
    inAll: [REFERENCE],
    inBodies: [LINK, '50'],
    dated: true,
  },
};

describe('email templates', () => {
  it('when the registry is compiled, then every email type exists in every language', () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...MAIL_TEMPLATE_NAMES].sort());
    getMailRenderer().compileAll();
  });

  for (const name of MAIL_TEMPLATE_NAMES) {
    for (const lang of MAIL_LANGS) {
      describe(`${name} (${lang})`, () => {
        const c = CASES[name];
        const mail = () => renderMail(name, lang, c.data as never);

        it('when rendered, then subject, HTML and text carry the same reference and link', () => {
          const { subject, html, text } = mail();
          for (const v of c.inAll) {
            assert.ok(subject.includes(v), `subject lacks ${v}: ${subject}`);
            assert.ok(html.includes(escapeHtml(v)), `html lacks ${v}`);
            assert.ok(text.includes(v), `text lacks ${v}`);
          }
          for (const v of c.inBodies) {
            assert.ok(html.includes(escapeHtml(v)), `html lacks ${v}`);
            assert.ok(text.includes(v), `text lacks ${v}`);
          }
          for (const link of c.inBodies.filter((v) => v.startsWith('https:'))) {
            assert.ok(html.includes(`<a href="${escapeHtml(link)}">`), 'the link is clickable');
          }
          if (c.dated) {
            assert.ok(html.includes(DATE_TEXT[lang]), `html shows the Amsterdam time ${DATE_TEXT[lang]}`);
            assert.ok(text.includes(DATE_TEXT[lang]), `text shows the Amsterdam time ${DATE_TEXT[lang]}`);
          }
        });

        it('when data holds HTML-special characters, then HTML escapes them and text keeps them readable', () => {
          const { subject, html, text } = mail();
          assert.doesNotMatch(html, /<script>|<b>|<1>/);
          assert.ok(html.includes('&lt;'));
          assert.doesNotMatch(text, /&amp;|&lt;|&gt;|&quot;|&#x/);
          assert.doesNotMatch(subject, /&amp;|&lt;|&#x/);
        });

        it('when rendered, then the subject is one line and the HTML is a complete document in the right language', () => {
          const { subject, html } = mail();
          assert.doesNotMatch(subject, /[\r\n]/);
          assert.ok(subject.length > 5);
          assert.match(html, new RegExp(`^<!DOCTYPE html>\\s*<html lang="${lang}">`));
          assert.ok(html.includes(`<title>${escapeHtml(subject)}</title>`));
          assert.match(html, /<\/html>\s*$/);
        });
      });
    }
  }

  it('when the Dutch and English versions are rendered, then they differ (each language has its own text)', () => {
    const data = CASES['report-receipt'].data as never;
    assert.notEqual(
      renderMail('report-receipt', 'nl', data).text,
      renderMail('report-receipt', 'en', data).text,
    );
  });

  it('when a reminder has no hours left, then it says the deadline expires now', () => {
    const data = { ...CASES['deadline-reminder'].data, hoursLeft: 0 };
    const { subject, text } = renderMail('deadline-reminder', 'en', data as never);
    assert.match(subject, /deadline expires now/);
    assert.match(text, /The deadline expires now\./);
  });

  it('when a field that is not declared is passed (a password), then rendering is refused', () => {
    assert.throws(
      () => renderMail('user-welcome', 'nl', { name: 'Jan', signInLink: LINK, password: 'geheim' } as never),
      /password|Unrecognized/i,
    );
  });

  it('when a field is missing or a link is not a web link, then rendering is refused', () => {
    assert.throws(() =>
      renderMail('report-receipt', 'nl', { reference: 'DL-1', reportedAt: DEADLINE } as never),
    );
    assert.throws(() =>
      renderMail('report-receipt', 'nl', {
        reference: 'DL-1',
        reportedAt: DEADLINE,
        link: 'javascript:alert(1)',
      }),
    );
  });

  it('when a value for the subject contains a newline, then it is refused (no header injection)', () => {
    assert.throws(() =>
      renderMail('report-alert', 'nl', {
        reference: 'DL-1\r\nBcc: x@evil.example',
        link: LINK,
        reportedAt: DEADLINE,
      }),
    );
  });

  it('when a subject line has control characters, then they become single spaces', () => {
    assert.equal(toSubjectLine(' Melding\r\nBcc: x@y.nl\t\u2028 DL-1 '), 'Melding Bcc: x@y.nl DL-1');
    assert.throws(() => toSubjectLine('\r\n'));
  });

  it('when an unknown email type or language is asked for, then rendering is refused', () => {
    assert.throws(() => renderMail('no-such-mail' as never, 'nl', {} as never), /unknown email type/);
    assert.throws(
      () => renderMail('report-receipt', 'de' as never, CASES['report-receipt'].data as never),
      /unknown language/,
    );
  });

  describe('template rules', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'meldpunt-templates-'));
      cpSync(defaultTemplatesDir(), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const data = { name: 'Jan', signInLink: LINK };

    it('when an HTML template uses unescaped output, then it is refused', () => {
      writeFileSync(join(dir, 'nl', 'user-welcome.html.hbs'), '{{#> layout}}<p>{{{name}}}</p>{{/layout}}');
      assert.throws(() => new MailRenderer(dir).render('user-welcome', 'nl', data), /unescaped output/);
    });

    it('when a template calls a helper that is not registered, then it is refused', () => {
      writeFileSync(join(dir, 'nl', 'user-welcome.txt.hbs'), 'Hallo {{someHelper name}}');
      assert.throws(
        () => new MailRenderer(dir).render('user-welcome', 'nl', data),
        /unknown helper someHelper/,
      );
    });

    it('when a template reads a field the data does not have, then rendering fails instead of leaving a blank', () => {
      writeFileSync(join(dir, 'nl', 'user-welcome.txt.hbs'), 'Hallo {{name}}, {{wachtwoord}}');
      assert.throws(() => new MailRenderer(dir).render('user-welcome', 'nl', data), /wachtwoord/);
    });

    it('when a template reaches for the prototype, then nothing from it is rendered', () => {
      writeFileSync(
        join(dir, 'nl', 'user-welcome.txt.hbs'),
        '[{{lookup this "constructor"}}][{{lookup this "__proto__"}}]',
      );
      assert.equal(new MailRenderer(dir).render('user-welcome', 'nl', data).text, '[][]');
      writeFileSync(join(dir, 'en', 'user-welcome.txt.hbs'), '[{{name.constructor}}]');
      assert.throws(() => new MailRenderer(dir).render('user-welcome', 'en', data));
    });

    it('when a template file of a language is missing, then rendering that language fails clearly', () => {
      rmSync(join(dir, 'en', 'user-welcome.subject.hbs'));
      mkdirSync(join(dir, 'extra'), { recursive: true });
      assert.throws(() => new MailRenderer(dir).render('user-welcome', 'en', data), /ENOENT/);
      assert.doesNotThrow(() => new MailRenderer(dir).render('user-welcome', 'nl', data));
    });
  });
});
