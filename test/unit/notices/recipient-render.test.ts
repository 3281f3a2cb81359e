// The per-run renderer puts each recipient's name into a notice rendered once; it must give exactly
// what a full render gives, for every name and template, and render in full where it cannot.
import assert from 'node:assert/strict';
import { compileNotice } from '../../../server/notices/notice-render.js';
import { builtInTemplate } from '../../../server/notices/notice-templates.service.js';
import { recipientRenderer } from '../../../server/notices/recipient-render.js';
import { renderForRecipient, type LangTexts, type RunContent } from '../../../server/notices/run-content.js';

function texts(lang: string, extra = ''): LangTexts {
  return {
    lang,
    whatHappened: `Een e-mail ging naar de verkeerde ontvanger.${extra}`,
    dataConcerned: 'Naam & adres <geen BSN>',
    consequences: 'Phishing.',
    measures: '- De ontvanger verwijderde de e-mail.\n- Wij controleren adressen.',
    advice: 'Wees alert.',
  };
}

function content(templates: { lang: string; subject: string; body: string }[], extra = ''): RunContent {
  return {
    reference: 'DL-2026-0042',
    incident: {
      date: new Date('2026-03-28T23:30:00Z'),
      dateIsDiscovery: false,
      leak: true,
      investigating: true,
    },
    templates: new Map(templates.map((t, i) => [t.lang, compileNotice({ ...t, version: i + 1 })])),
    texts: new Map(['nl', 'en', 'tr'].map((l) => [l, texts(l, extra)])),
    org: {
      name: 'Stichting NMI',
      email: 'privacy@nmi.test',
      phone: '030 000 0000',
      address: 'Catharijnesingel 50, Utrecht',
      dpoName: 'FG NMI',
      dpoEmail: 'fg@nmi.test',
      commissioningParty: 'SZW',
      role: 'controller',
      sector: undefined,
      registrationNumber: undefined,
    },
    sentOn: new Date('2026-03-29T01:30:00Z'),
  };
}

const NAMES = [
  'Fatima de Vries',
  'Ahmet Yılmaz',
  'محمد العلي',
  'ተስፋይ ገብረ',
  "O'Brien & <Sons>",
  'a"b\'c&d<e>f',
  '{{org.name}}',
  '$& $1 $$',
  '## Kop',
  '- lijst',
  '  spaties  ',
  'regel\nbreuk',
  'tab\there',
  '',
  '\uE000&<A>\uE000',
  'x'.repeat(500),
];

describe('unit: the per-run notice renderer', () => {
  const builtIn = [
    { lang: 'nl', ...builtInTemplate('nl') },
    { lang: 'en', ...builtInTemplate('en') },
  ];
  const custom = [
    ...builtIn,
    // The name at the start of a line, in a heading, in a list, and in the subject.
    {
      lang: 'tr',
      subject: 'Bildirim {{recipient.name}}',
      body: '{{recipient.name}}\n\n## Sayın {{recipient.name}}\n\n- {{recipient.name}}\n\n{{notice.whatHappened}}',
    },
  ];

  // How many of the 5 × 16 notices may take the short way: plain names (9 of 16) in languages whose
  // template uses the name as given (all five fall back to or are nl/en, except tr with its own).
  for (const [label, c, substituted] of [
    ['built-in templates', content(builtIn), 5 * 9],
    ['a template with the name in the subject, a heading and a list', content(custom), 4 * 9],
    ['texts that contain the marker characters', content(builtIn, ' \uE000&<A>\uE000'), 0],
  ] as const) {
    it(`when notices are rendered with ${label}, then every recipient's notice equals a full render, in every language`, () => {
      const r = recipientRenderer(c);
      for (const lang of ['nl', 'en', 'tr', 'ar', 'xx']) {
        for (const name of NAMES) {
          assert.deepEqual(
            r.render(lang, name),
            renderForRecipient(c, lang, name),
            `${lang} / ${JSON.stringify(name)}`,
          );
        }
      }
      assert.equal(r.substituted, substituted);
    });
  }
});
