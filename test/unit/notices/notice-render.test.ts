// Safe rendering of notices (pure): escaping, no partials or outside helpers, no prototype access,
// the built-in templates cover the AP's 2024 points, and the Dutch + English fallback.
import assert from 'node:assert/strict';
import {
  bodyHtml,
  compileNotice,
  renderFallbackNotice,
  renderNotice,
  sampleNoticeData,
  templateHash,
  textBlocks,
} from '../../../server/notices/notice-render.js';
import { builtInTemplate } from '../../../server/notices/notice-templates.service.js';
import { NoticeTemplateError } from '../../../server/notices/notice-render.js';

const compile = (body: string, subject = 'S') => compileNotice({ lang: 'nl', version: 1, subject, body });

describe('unit: notice rendering', () => {
  it('when data contains markup, then the HTML part escapes it and the text part keeps it as text', () => {
    const d = sampleNoticeData('nl');
    d.recipient.name = '<img src=x onerror=alert(1)> & "Co"';
    const r = renderNotice(compile('Beste {{recipient.name}},\n\n## Kop <b>\n- een\n- twee'), d);
    assert.match(r.html, /Beste &lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;Co&quot;,/);
    assert.doesNotMatch(r.html, /<img|<b>/);
    assert.match(r.html, /<h2[^>]*>Kop &lt;b&gt;<\/h2>/);
    assert.match(r.html, /<ul><li>een<\/li><li>twee<\/li><\/ul>/);
    assert.match(r.text, /Beste <img src=x onerror=alert\(1\)> & "Co",/);
    assert.match(r.text, /\n\nKop <b>\n\n- een\n- twee$/);
  });

  it('when a template uses partials, decorators, helpers that reach outside, unknown fields or prototype properties, then it is refused or renders nothing', () => {
    const refused = [
      '{{> x}}',
      '{{#> layout}}x{{/layout}}',
      '{{* deco}}',
      '{{log "x"}}',
      '{{lookup this "constructor"}}',
      '{{constructor.name}}',
      '{{recipient.adres}}',
      '{{#if}}',
    ];
    for (const body of refused) assert.throws(() => compile(body), NoticeTemplateError, body);
    // Prototype properties are never reachable.
    const r = renderNotice(
      compile('[{{recipient.__proto__}}][{{recipient.constructor}}]'),
      sampleNoticeData('nl'),
    );
    assert.equal(r.text, '[][]');
  });

  it('when a subject renders with line breaks, then it becomes one line (no header injection)', () => {
    const d = sampleNoticeData('en');
    d.incident.reference = 'DL-1\r\nBcc: evil@example.test';
    const r = renderNotice(compile('x', 'Notice {{incident.reference}}'), d);
    assert.equal(r.subject, 'Notice DL-1 Bcc: evil@example.test');
  });

  it('when the built-in templates render, then they have an urgent subject and every section the AP asks for', () => {
    for (const [lang, heads, urgent] of [
      [
        'nl',
        [
          'Wat is er gebeurd?',
          'Om welke gegevens gaat het?',
          'Wat kan dit voor u betekenen?',
          'Wat hebben wij gedaan?',
          'Wat kunt u zelf doen?',
          'Heeft u vragen?',
        ],
        /^Belangrijk: /,
      ],
      [
        'en',
        [
          'What happened?',
          'Which data are involved?',
          'What could this mean for you?',
          'What have we done?',
          'What can you do yourself?',
          'Any questions?',
        ],
        /^Important: /,
      ],
    ] as const) {
      const r = renderNotice(
        compileNotice({ lang, version: 1, ...builtInTemplate(lang) }),
        sampleNoticeData(lang),
      );
      assert.match(r.subject, urgent);
      const headings = textBlocks(r.raw)
        .filter((b) => b.kind === 'heading')
        .map((b) => b.lines[0]);
      assert.deepEqual(headings, [...heads]);
      assert.match(r.text, /nmi@nmigratie\.nl/);
      assert.match(r.text, /DL-2026-0001/);
    }
  });

  it('when the breach is not a leak, the date is only the discovery, or the investigation is over, then the built-in notices say so and nothing more', () => {
    const render = (
      lang: 'nl' | 'en',
      incident: Partial<ReturnType<typeof sampleNoticeData>['incident']>,
    ) => {
      const data = sampleNoticeData(lang);
      return renderNotice(compileNotice({ lang, version: 1, ...builtInTemplate(lang) }), {
        ...data,
        incident: { ...data.incident, ...incident },
      });
    };
    // "gelekt" / "leaked" only for a leak (a confidentiality breach).
    assert.match(render('nl', { leak: true }).subject, /zijn gelekt/);
    assert.doesNotMatch(render('nl', { leak: false }).subject, /gelekt/);
    assert.match(render('nl', { leak: false }).subject, /er is iets misgegaan met uw persoonsgegevens/);
    assert.match(render('en', { leak: true }).subject, /was leaked/);
    assert.doesNotMatch(render('en', { leak: false }).subject, /leak/);
    // The incident's date, as when it happened or when it was found.
    assert.match(
      render('nl', { date: '3 januari 2026' }).text,
      /Dit gebeurde op 3 januari 2026\. Op 5 januari/,
    );
    assert.match(
      render('nl', { date: '4 januari 2026', dateIsDiscovery: true }).text,
      /Wij ontdekten dit op 4 januari 2026\./,
    );
    assert.match(render('en', { date: '3 January 2026' }).text, /This happened on 3 January 2026\./);
    // The promise of an update while the breach is still being investigated, and only then.
    assert.match(render('nl', { investigating: true }).text, /Zodra wij meer weten, laten wij het u weten\./);
    assert.doesNotMatch(render('nl', { investigating: false }).text, /Zodra wij meer weten/);
    assert.match(render('en', { investigating: true }).text, /we will let you know\./);
    assert.doesNotMatch(render('en', { investigating: false }).text, /we will let you know/);
  });

  it('when a recipient has no template in their language, then one message carries Dutch then English', () => {
    const nl = compileNotice({ lang: 'nl', version: 3, ...builtInTemplate('nl') });
    const en = compileNotice({ lang: 'en', version: 2, ...builtInTemplate('en') });
    const r = renderFallbackNotice(nl, en, sampleNoticeData('nl'), sampleNoticeData('en'));
    assert.match(r.subject, /^Belangrijk: .* \/ Important: /);
    assert.ok(r.text.indexOf('Beste ') < r.text.indexOf('Dear '));
    assert.match(r.html, /<div lang="nl">[\s\S]*<hr>[\s\S]*<div lang="en">/);
  });

  it('when a template hash is computed, then any change of language, subject or body changes it', () => {
    const h = templateHash({ lang: 'nl', subject: 's', body: 'b' });
    assert.notEqual(h, templateHash({ lang: 'en', subject: 's', body: 'b' }));
    assert.notEqual(h, templateHash({ lang: 'nl', subject: 's ', body: 'b' }));
    assert.notEqual(h, templateHash({ lang: 'nl', subject: 's', body: 'b\n' }));
    assert.equal(bodyHtml(''), '');
  });
});
