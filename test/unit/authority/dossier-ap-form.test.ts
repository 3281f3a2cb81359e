// The AP form's questions the dossier answers beyond the first version (issue 13): protection per
// category with the AP's yes/partly/no, the filer's direct phone, informing the affected persons
// from the notices sent (or the reason for not informing), cross-border and other authorities,
// reports to the police or NCSC, the FG's advice apart from the decision, the AP's own options.
import assert from 'node:assert/strict';
import {
  buildDossier,
  type DossierDetailsFacts,
  type DossierFacts,
} from '../../../server/authority/dossier.js';
import { DEFAULT_ORGANISATION } from '../../../server/organisation.js';

const NOW = new Date('2026-01-06T12:00:00Z');

const NO_DETAILS: DossierDetailsFacts = {
  measuresBefore: null,
  protectionMethod: null,
  crossBorder: null,
  otherAuthorities: null,
  otherAuthoritiesWhich: null,
  notInformingReason: null,
  reportedTo: [],
  reportedToOther: null,
  fgName: null,
  fgAdvice: null,
  fgAdvisedAt: null,
  decision: null,
  decidedBy: null,
  decidedAt: null,
  followsAdvice: null,
  deviationReason: null,
};

function facts(
  over: Partial<DossierFacts> = {},
  incident: Partial<DossierFacts['incident']> = {},
): DossierFacts {
  return {
    incident: {
      reference: 'DL-2026-0042',
      summary: 'Intern',
      incidentCause: 'hacking_malware',
      incidentNature: ['read', 'copied'],
      breachTypes: ['confidentiality'],
      discoveredAt: new Date('2026-01-05T09:00:00Z'),
      reportedInternallyAt: new Date('2026-01-05T09:30:00Z'),
      dataCategories: ['name_address', 'access_credentials', 'national_id'],
      subjectCategories: ['clients', 'client_family'],
      unintelligibility: 'none',
      ...incident,
    },
    assessment: {
      riskLevel: 'high',
      art34Exception: 'none',
      input: {
        consequences: [
          'identity_theft',
          'reversal_pseudonymisation',
          'economic_social_disadvantage',
          'loss_of_service',
        ],
        dataCategories: ['name_address', 'access_credentials', 'national_id'],
        protection: { access_credentials: 'hashed_salted_strong', national_id: 'partially' },
        unintelligibility: 'none',
      },
      result: null,
      duties: { informSubjects: true, publicCommunication: false },
    },
    organisation: {
      ...DEFAULT_ORGANISATION,
      phone: '030-1',
      role: 'controller',
      sector: 'Zorg',
      registrationNumber: undefined,
    },
    filer: { name: 'Olga', email: 'olga@example.test', functionLabel: 'Privacy officer' },
    filing: { kind: 'initial', complete: false, submittedAt: NOW, summary: 'Een inbraak.' },
    deadline: new Date('2026-01-08T09:30:00Z'),
    subjectsInformedAt: null,
    details: null,
    informing: null,
    now: NOW,
    lang: 'nl',
    ...over,
  };
}

function answerOf(d: ReturnType<typeof buildDossier>, id: string) {
  return d.sections.flatMap((s) => s.answers).find((a) => a.id === id);
}

describe('unit: AP dossier, the form questions of issue 13', () => {
  it("when the filer's direct phone is not given, then it is missing; the organisation's number stays the contact's", () => {
    const d = buildDossier(facts());
    assert.equal(answerOf(d, 'filerPhone')?.answer, null);
    assert.ok(d.missing.some((m) => m.id === 'filerPhone' && m.section === 1));
    assert.equal(answerOf(d, 'contactPhone')?.answer, '030-1');
    const given = buildDossier(
      facts({ filing: { kind: 'initial', complete: false, submittedAt: NOW, filerPhone: '06-12345678' } }),
    );
    assert.equal(answerOf(given, 'filerPhone')?.answer, '06-12345678');
    assert.ok(!given.missing.some((m) => m.id === 'filerPhone'));
  });

  it('when protection differs per category, then section 6 lists it per level and the AP answer is "Gedeeltelijk"', () => {
    const d = buildDossier(
      facts({
        details: {
          ...NO_DETAILS,
          protectionMethod: 'Wachtwoorden met bcrypt gehasht',
          measuresBefore: 'Tweefactorauthenticatie',
        },
      }),
    );
    assert.equal(
      answerOf(d, 'protectionPerCategory')?.answer,
      'Geen beveiliging: NAW-gegevens | Sterk gehasht met salt: Toegangs- of identificatiegegevens | Gedeeltelijk beveiligd: BSN (of buitenlands equivalent)',
    );
    assert.equal(
      answerOf(d, 'unintelligibility')?.answer,
      'Verschilt per soort persoonsgegevens (zie de volgende vraag)',
    );
    assert.deepEqual(answerOf(d, 'unintelligibility')?.apOptions, ['Gedeeltelijk']);
    assert.equal(answerOf(d, 'protectionMethod')?.answer, 'Wachtwoorden met bcrypt gehasht');
    assert.equal(answerOf(d, 'measuresBefore')?.answer, 'Tweefactorauthenticatie');
  });

  it('when every category was encrypted, then the AP answer is "Ja"; pseudonymised data count as "Nee"', () => {
    const all = facts();
    all.assessment!.input!.protection = {};
    all.assessment!.input!.unintelligibility = 'state_of_art_encryption_key_safe';
    assert.deepEqual(answerOf(buildDossier(all), 'unintelligibility')?.apOptions, ['Ja']);
    assert.equal(
      answerOf(buildDossier(all), 'unintelligibility')?.answer,
      'Sterk versleuteld, sleutel veilig',
    );
    all.assessment!.input!.unintelligibility = 'pseudonymised_key_safe';
    assert.deepEqual(answerOf(buildDossier(all), 'unintelligibility')?.apOptions, ['Nee']);
  });

  it('when values have an AP option or none, then each answer carries the options to tick, with "Overig, namelijk" for the rest', () => {
    const d = buildDossier(facts());
    assert.deepEqual(answerOf(d, 'cause')?.apOptions, ['Hacking, malware en/of phishing']);
    assert.deepEqual(answerOf(d, 'nature')?.apOptions, ['Lezen (vertrouwelijkheid)', 'Kopiëren']);
    assert.deepEqual(answerOf(d, 'subjectCategories')?.apOptions, [
      'Klanten (of potentiële klanten)',
      'Overig, namelijk: Gezinsleden van klanten',
    ]);
    assert.equal(
      answerOf(d, 'consequences')?.answer,
      'Identiteitsdiefstal; Ongedaan maken van pseudonimisering; Aanzienlijk economisch of maatschappelijk nadeel; Uitval van dienstverlening',
    );
    assert.deepEqual(answerOf(d, 'consequences')?.apOptions, [
      'Identiteitsdiefstal',
      'Ongeoorloofde ongedaanmaking van pseudonimisering',
      'Aanzienlijk economisch of maatschappelijk nadeel',
      'Overig, namelijk: Uitval van dienstverlening',
    ]);
  });

  it('when notices were sent, then section 8 gives the date, the channels, the number reached and the text sent', () => {
    const d = buildDossier(
      facts({
        informing: {
          firstAt: new Date('2026-01-06T08:15:00Z'),
          emailSent: 38,
          lettersPosted: 2,
          publications: [],
          text: 'Uw gegevens zijn gelekt\n\nBeste cliënt,',
        },
      }),
    );
    assert.equal(
      answerOf(d, 'subjectsInformed')?.answer,
      'Ja, geïnformeerd op 6 januari 2026 09:15 (UTC+01:00)',
    );
    assert.deepEqual(answerOf(d, 'subjectsInformed')?.apOptions, ['Ja']);
    assert.equal(answerOf(d, 'informedAt')?.answer, '6 januari 2026 09:15 (UTC+01:00)');
    assert.equal(answerOf(d, 'informedChannel')?.answer, 'e-mail (38 verstuurd); brief (2 gepost)');
    assert.equal(answerOf(d, 'informedCount')?.answer, '40');
    assert.equal(answerOf(d, 'informedText')?.answer, 'Uw gegevens zijn gelekt\n\nBeste cliënt,');
    assert.equal(answerOf(d, 'notInformingReason'), undefined);
  });

  it('when the persons are not informed, then the reason is required: the officer’s, else the exception’s, else the decision’s', () => {
    const none = facts();
    none.assessment = { ...none.assessment!, riskLevel: 'risk', justification: null };
    const missing = buildDossier(none);
    assert.deepEqual(answerOf(missing, 'subjectsInformed')?.apOptions, ['Nee']);
    assert.equal(answerOf(missing, 'notInformingReason')?.missing, true);
    none.assessment.justification = 'Alleen versleutelde gegevens.';
    assert.equal(answerOf(buildDossier(none), 'notInformingReason')?.answer, 'Alleen versleutelde gegevens.');
    none.details = {
      ...NO_DETAILS,
      notInformingReason: 'Geen hoog risico: de ontvanger is een zorgverlener.',
    };
    assert.equal(
      answerOf(buildDossier(none), 'notInformingReason')?.answer,
      'Geen hoog risico: de ontvanger is een zorgverlener.',
    );
    // Planned (high risk, no exception): no reason asked, the AP's "Nee, maar dat ga ik nog doen".
    const planned = buildDossier(facts());
    assert.deepEqual(answerOf(planned, 'subjectsInformed')?.apOptions, ['Nee, maar dat ga ik nog doen']);
    assert.equal(answerOf(planned, 'notInformingReason'), undefined);
  });

  it('when cross-border processing and other authorities are recorded, then section 8 answers them with the AP options', () => {
    const d = buildDossier(
      facts({
        details: {
          ...NO_DETAILS,
          crossBorder: 'yes',
          otherAuthorities: 'yes',
          otherAuthoritiesWhich: 'Datatilsynet (Noorwegen)',
        },
      }),
    );
    assert.equal(answerOf(d, 'crossBorder')?.answer, 'Ja');
    assert.deepEqual(answerOf(d, 'crossBorder')?.apOptions, ['Ja']);
    assert.equal(answerOf(d, 'otherAuthorities')?.answer, 'Ja: Datatilsynet (Noorwegen)');
    const unknown = buildDossier(facts({ details: { ...NO_DETAILS, crossBorder: 'unknown' } }));
    assert.equal(answerOf(unknown, 'crossBorder')?.answer, null);
    assert.deepEqual(answerOf(unknown, 'crossBorder')?.apOptions, ['Nog niet bekend']);
  });

  it("when the reporter named the police and the officer corrects it, then the officer's answer wins; empty keeps the reporter's", () => {
    const intake = buildDossier(
      facts({}, { reportedTo: ['police', 'other'], reportedToOther: 'Inspectie SZW' }),
    );
    assert.equal(answerOf(intake, 'otherReports')?.answer, 'Politie; Overig, namelijk: Inspectie SZW');
    const corrected = buildDossier(
      facts({ details: { ...NO_DETAILS, reportedTo: ['police', 'ncsc'] } }, { reportedTo: ['police'] }),
    );
    assert.equal(
      answerOf(corrected, 'otherReports')?.answer,
      'Politie; Nationaal Cyber Security Centrum (NCSC)',
    );
    const kept = buildDossier(facts({ details: NO_DETAILS }, { reportedTo: ['police'] }));
    assert.equal(answerOf(kept, 'otherReports')?.answer, 'Politie');
    const nowhere = buildDossier(
      facts({ details: { ...NO_DETAILS, reportedTo: ['none'] } }, { reportedTo: ['police'] }),
    );
    assert.equal(answerOf(nowhere, 'otherReports')?.answer, 'Nergens anders gemeld');
  });

  it('when the FG advised and someone else decided against it, then the advice and the decision are two answers, with who, when and why', () => {
    const d = buildDossier(
      facts({
        details: {
          ...NO_DETAILS,
          fgName: 'Fenna FG',
          fgAdvice: 'Melden bij de AP en alle cliënten informeren.',
          fgAdvisedAt: new Date('2026-01-05T13:00:00Z'),
          decision: 'Melden bij de AP; cliënten nog niet informeren.',
          decidedBy: 'Dirk Directeur, bestuurder',
          decidedAt: new Date('2026-01-05T15:30:00Z'),
          followsAdvice: 'partly',
          deviationReason: 'Eerst het onderzoek van de hostingpartij afwachten.',
        },
      }),
    );
    assert.equal(
      answerOf(d, 'fgAdvice')?.answer,
      'Fenna FG, 5 januari 2026 14:00 (UTC+01:00): Melden bij de AP en alle cliënten informeren.',
    );
    assert.equal(
      answerOf(d, 'decision')?.answer,
      'Melden bij de AP; cliënten nog niet informeren. (besloten door Dirk Directeur, bestuurder op 5 januari 2026 16:30 (UTC+01:00)). Het besluit volgt het advies van de FG gedeeltelijk: Eerst het onderzoek van de hostingpartij afwachten.',
    );
    const en = buildDossier(
      facts({
        lang: 'en',
        details: {
          ...NO_DETAILS,
          decision: 'Notify.',
          decidedBy: 'Board',
          decidedAt: new Date('2026-01-05T15:30:00Z'),
        },
      }),
    );
    assert.match(
      answerOf(en, 'decision')?.answer ?? '',
      /^Notify\. \(decided by Board on .*\)\. No advice of the DPO was recorded\.$/,
    );
    assert.equal(answerOf(en, 'fgAdvice')?.answer, null);
  });
});
