// The pure parts of the AP dossier and the ministry notice: answers and missing flags, the change
// list of a follow-up, deadlines, the ministry trigger and the reminder schedule (tables of cases).
import assert from 'node:assert/strict';
import { buildDossier, diffDossiers, type DossierFacts } from '../../../server/authority/dossier.js';
import { filingDeadline } from '../../../server/authority/filing-deadline.js';
import { ministryNoticeDue, type MinistryTriggerFacts } from '../../../server/ministry/ministry-trigger.js';
import { subjectsCountText } from '../../../server/ministry/ministry-notice-content.js';
import { reminderNumber } from '../../../server/ministry/ministry-reminders.js';
import { DEFAULT_ORGANISATION } from '../../../server/organisation.js';

const NOW = new Date('2026-01-06T12:00:00Z');

const AP_SUMMARY = 'Een e-mail is naar een verkeerde ontvanger gestuurd.';

function facts(
  over: Partial<DossierFacts> = {},
  incident: Partial<DossierFacts['incident']> = {},
): DossierFacts {
  return {
    incident: {
      reference: 'DL-2026-0007',
      summary: 'Verkeerde ontvanger',
      incidentCause: 'email_wrong_recipient',
      incidentNature: ['read'],
      breachTypes: ['confidentiality'],
      discoveredAt: new Date('2026-01-05T09:00:00Z'),
      reportedInternallyAt: new Date('2026-01-05T09:30:00Z'),
      dataCategories: ['name_address', 'health'],
      subjectCategories: ['clients'],
      subjectsCountMin: 1,
      subjectsCountMax: 3,
      recordsCount: 3,
      vulnerableSubjects: 'no',
      confidentialityScope: 'known_recipients',
      integrityImpact: 'not_applicable',
      availabilityImpact: 'temporary',
      unavailableHours: 30,
      backupAvailable: 'yes',
      unintelligibility: 'none',
      processorInvolved: 'yes',
      processorName: 'Hosting BV',
      otherEeaCountries: 'Nee',
      measuresTaken: 'Verwijdering gevraagd',
      ...incident,
    },
    assessment: null,
    organisation: {
      ...DEFAULT_ORGANISATION,
      phone: '030-1',
      role: 'controller',
      sector: 'Zorg',
      registrationNumber: undefined,
    },
    filer: { name: 'Olga', email: 'olga@example.test', functionLabel: 'Privacy officer' },
    // The filer's direct phone is typed in the filing form (§8.1 section 1).
    filing: {
      kind: 'initial',
      complete: false,
      submittedAt: NOW,
      summary: AP_SUMMARY,
      filerPhone: '06-12345678',
    },
    deadline: new Date('2026-01-08T09:30:00Z'),
    subjectsInformedAt: null,
    now: NOW,
    lang: 'nl',
    ...over,
  };
}

function answerOf(d: ReturnType<typeof buildDossier>, id: string) {
  return d.sections.flatMap((s) => s.answers).find((a) => a.id === id);
}

describe('unit: AP dossier', () => {
  it('when the occurrence and the assessment are not known yet, then exactly those answers are flagged as missing', () => {
    const d = buildDossier(facts());
    assert.deepEqual(
      d.missing.map((m) => m.id),
      ['occurred', 'ongoing', 'consequences', 'severity', 'subjectsInformed'],
    );
    assert.equal(d.sections.length, 10);
    assert.deepEqual(
      d.sections.map((s) => s.number),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('when categories mix special and general data, then they are split as the AP form asks', () => {
    const d = buildDossier(facts());
    assert.equal(answerOf(d, 'dataCategories')?.answer, 'NAW-gegevens');
    assert.equal(answerOf(d, 'specialCategories')?.answer, 'Gezondheid');
    const onlySpecial = buildDossier(facts({}, { dataCategories: ['health'] }));
    assert.equal(
      answerOf(onlySpecial, 'dataCategories')?.answer,
      'Alleen bijzondere persoonsgegevens (zie hieronder)',
    );
    const unknown = buildDossier(facts({}, { dataCategories: ['unknown'] }));
    assert.equal(answerOf(unknown, 'dataCategories')?.missing, true);
    assert.equal(answerOf(unknown, 'specialCategories')?.missing, true);
  });

  it('when facts are "unknown", then the answer is missing, not "Nog niet bekend"', () => {
    const d = buildDossier(
      facts(
        {},
        {
          vulnerableSubjects: 'unknown',
          unintelligibility: 'unknown',
          confidentialityScope: 'unknown',
          processorInvolved: 'unknown',
        },
      ),
    );
    for (const id of ['vulnerable', 'unintelligibility', 'confidentiality', 'processor']) {
      assert.equal(answerOf(d, id)?.answer, null, id);
      assert.equal(answerOf(d, id)?.missing, true, id);
    }
  });

  it('when availability was lost, then hours and backup are part of the answer', () => {
    assert.equal(
      answerOf(buildDossier(facts()), 'availability')?.answer,
      'Tijdelijk niet beschikbaar; 30 uur niet beschikbaar; back-up beschikbaar: Ja',
    );
  });

  it('when the filing is after the deadline, then the reason for delay is required and shown', () => {
    const late = buildDossier(
      facts({
        filing: {
          kind: 'initial',
          complete: false,
          submittedAt: new Date('2026-01-09T00:00:00Z'),
          summary: AP_SUMMARY,
        },
      }),
    );
    assert.equal(answerOf(late, 'lateReason')?.missing, true);
    const withReason = buildDossier(
      facts({
        filing: {
          kind: 'initial',
          complete: false,
          submittedAt: new Date('2026-01-09T00:00:00Z'),
          reasonForDelay: 'Weekend',
        },
      }),
    );
    assert.equal(answerOf(withReason, 'lateReason')?.answer, 'Weekend');
  });

  it('when the assessment says high risk with an Art. 34(3) exception, then the answer names the exception and its reason', () => {
    const d = buildDossier(
      facts({
        assessment: {
          riskLevel: 'high',
          art34Exception: 'subsequent_measures',
          art34ExceptionReason: 'Ontvanger heeft alles vernietigd.',
          input: { consequences: ['other'] },
          result: null,
        },
      }),
    );
    assert.equal(
      answerOf(d, 'subjectsInformed')?.answer,
      'Nee: b. Maatregelen genomen: hoog risico doet zich niet meer voor. Ontvanger heeft alles vernietigd.',
    );
    assert.equal(answerOf(d, 'severity')?.answer, 'Hoog risico');
  });

  it("when the summary for the AP is written, then the dossier carries it; the reporter's summary never, and a draft placeholder counts as missing", () => {
    const d = buildDossier(facts({}, { summary: 'Intern: cliënt J. de Vries' }));
    assert.equal(answerOf(d, 'summary')?.answer, AP_SUMMARY);
    assert.ok(!JSON.stringify(d).includes('de Vries'));
    const draft = buildDossier(
      facts({
        filing: {
          kind: 'initial',
          complete: false,
          submittedAt: NOW,
          summary: 'Op 5 januari. [[Beschrijf wat er gebeurde.]]',
        },
      }),
    );
    assert.equal(answerOf(draft, 'summary')?.answer, null);
    assert.ok(draft.missing.some((m) => m.id === 'summary'));
    const none = buildDossier(facts({ filing: { kind: 'initial', complete: false, submittedAt: NOW } }));
    assert.equal(answerOf(none, 'summary')?.missing, true);
  });

  it('when only the facts differ between two filings, then the diff lists exactly those answers and ignores the filing kind', () => {
    const first = buildDossier(facts());
    const second = buildDossier(
      facts(
        {
          filing: {
            kind: 'followup',
            apReference: 'M-1',
            complete: false,
            submittedAt: NOW,
            summary: AP_SUMMARY,
          },
        },
        { subjectsCountMax: 5, summary: 'Verkeerde ontvanger' },
      ),
    );
    assert.deepEqual(
      diffDossiers(first, second).map((c) => [c.id, c.before, c.after]),
      [['subjectsCountMax', '3', '5']],
    );
    assert.deepEqual(diffDossiers(first, first), []);
  });

  it('when the English dossier is built, then questions and labels are English', () => {
    const d = buildDossier(facts({ lang: 'en' }));
    assert.equal(d.sections[0]!.title, 'About this notification');
    assert.equal(answerOf(d, 'cause')?.answer, 'E-mail sent to the wrong recipient');
    assert.equal(answerOf(d, 'subjectsCountMin')?.answer, '1');
  });
});

describe('unit: filing deadline', () => {
  const awarenessAt = new Date('2026-03-28T10:00:00Z');
  const cases: Array<[string, Parameters<typeof filingDeadline>[0], string | null]> = [
    [
      'controller: awareness + 72 clock hours (across the DST change)',
      { role: 'controller', awarenessAt, authorityHours: 72 },
      '2026-03-31T10:00:00.000Z',
    ],
    [
      'controller: the assessed deadline wins',
      {
        role: 'controller',
        awarenessAt,
        authorityHours: 72,
        assessedAuthorityDeadline: new Date('2026-03-30T00:00:00Z'),
      },
      '2026-03-30T00:00:00.000Z',
    ],
    [
      'processor: the contract deadline',
      {
        role: 'processor',
        awarenessAt,
        authorityHours: 72,
        assessedMinistryDeadline: new Date('2026-03-29T10:00:00Z'),
      },
      '2026-03-29T10:00:00.000Z',
    ],
    [
      'processor without a contract deadline: none',
      { role: 'processor', awarenessAt, authorityHours: 72 },
      null,
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(`when ${name}, then ${expected ?? 'no deadline'}`, () => {
      assert.equal(filingDeadline(input)?.toISOString() ?? null, expected);
    });
  }
});

describe('unit: ministry notice trigger', () => {
  const base: MinistryTriggerFacts = {
    trigger: 'ap_notified',
    role: 'controller',
    filed: false,
    duties: { notifyMinistry: true },
    noticeSent: false,
  };
  const cases: Array<[Partial<MinistryTriggerFacts>, boolean, string]> = [
    [{}, false, 'ministry.trigger.notYetFiled'],
    [{ filed: true }, true, 'ministry.trigger.apNotified'],
    [{ trigger: 'duty' }, true, 'ministry.trigger.duty'],
    [{ trigger: 'duty', duties: { notifyMinistry: false } }, false, 'ministry.trigger.notRequired'],
    [{ trigger: 'duty', duties: null }, false, 'ministry.trigger.notRequired'],
    [{ role: 'processor', duties: { notifyController: true } }, true, 'ministry.trigger.processor'],
    [{ role: 'processor', duties: { notifyController: false } }, false, 'ministry.trigger.notRequired'],
    [{ noticeSent: true, duties: null }, true, 'ministry.trigger.followUp'],
  ];
  for (const [over, due, reason] of cases) {
    it(`when ${JSON.stringify(over)}, then due=${due}`, () => {
      assert.deepEqual(ministryNoticeDue({ ...base, ...over }), { due, reason });
    });
  }
});

describe('unit: ministry notice texts and reminders', () => {
  it('when counts are (partly) known, then the notice says so in Dutch', () => {
    assert.equal(subjectsCountText(40, 55), '40 tot 55');
    assert.equal(subjectsCountText(40, 40), '40');
    assert.equal(subjectsCountText(1200, null), 'minstens 1.200');
    assert.equal(subjectsCountText(null, 9), 'hooguit 9');
    assert.equal(subjectsCountText(undefined, undefined), 'nog niet bekend');
  });

  it('when time passes without acknowledgement, then reminders 1…3 fall due per window and stop at 3', () => {
    const sent = new Date('2026-01-05T16:00:00Z');
    const at = (h: number) => new Date(sent.getTime() + h * 3_600_000);
    assert.deepEqual(
      [0, 23.9, 24, 47.9, 48, 72, 500].map((h) => reminderNumber(sent, at(h), 24)),
      [0, 0, 1, 1, 2, 3, 3],
    );
  });
});
