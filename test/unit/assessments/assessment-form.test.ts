// The assessment form at the edge: form strings → the engine's input, and every factor has a label
// and help text in both languages.
import assert from 'node:assert/strict';
import { assess } from '../../../server/assessments/assess.js';
import { parseAssessmentForm } from '../../../server/assessments/assessments.schema.js';
import {
  FORM_GROUPS,
  formGroups,
  valuesFromInput,
} from '../../../server/assessments/assessments.view-model.js';
import { DUTY_KINDS } from '../../../models/duty-fulfilment.model.js';
import { translate } from '../../../server/i18n/i18n.js';

describe('assessment form', () => {
  it('when posted, then lists, numbers and Amsterdam times become the engine input (times as UTC instants)', () => {
    const parsed = parseAssessmentForm({
      action: 'save',
      dataCategories: ['national_id', 'financial'],
      breachTypes: 'confidentiality',
      subjectsCountMax: '1200',
      unavailableHours: '2,5',
      awarenessAt: '2026-10-25T02:30',
      discoveredAt: '2026-03-29T03:30',
      dpcAdjustment: '0',
      malicious: '',
      riskLevel: 'high',
      riskJustification: '  ',
      art34Exception: 'none',
      unknownField: 'ignored',
    });
    assert.ok(parsed.ok);
    assert.equal(parsed.action, 'save');
    assert.deepEqual(parsed.input.dataCategories, ['national_id', 'financial']);
    assert.deepEqual(parsed.input.breachTypes, ['confidentiality']);
    assert.equal(parsed.input.subjectsCountMax, 1200);
    assert.equal(parsed.input.unavailableHours, 2.5);
    // 02:30 on 25 October 2026 is read as the first (summer time) occurrence, or at least an exact instant.
    assert.match(parsed.input.awarenessAt!, /^2026-10-25T0[01]:30:00\.000Z$/);
    assert.equal(parsed.input.discoveredAt, '2026-03-29T01:30:00.000Z');
    assert.equal(parsed.input.dpcAdjustment, undefined);
    assert.equal(parsed.input.malicious, undefined);
    assert.equal(parsed.decision.riskLevel, 'high');
    assert.equal(parsed.decision.riskJustification, undefined);
    assert.equal('unknownField' in parsed.input, false);
  });

  it('when a value is wrong, then the field is named and the input is kept for the page', () => {
    const parsed = parseAssessmentForm({
      confidentialityScope: 'everyone',
      subjectsCountMin: '50',
      subjectsCountMax: '10',
      dpcAdjustment: '9',
    });
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.fields.confidentialityScope, 'field.invalid');
    assert.equal(parsed.fields.subjectsCountMin, 'assessments.error.countRange');
    assert.equal(parsed.fields.dpcAdjustment, 'field.invalid');
    assert.equal(parsed.values.confidentialityScope, 'everyone');
  });

  it('when a text is too long, then only that field fails and the rest of the input is kept', () => {
    const parsed = parseAssessmentForm({
      riskJustification: 'x'.repeat(10_001),
      incidentCause: 'ransomware',
    });
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.deepEqual(Object.keys(parsed.fields), ['riskJustification']);
    assert.equal(parsed.values.incidentCause, 'ransomware');
  });

  it('when stored input is shown again, then it round-trips through the form unchanged', () => {
    const input = {
      incidentCause: 'ransomware' as const,
      dataCategories: ['health' as const],
      subjectsCountMax: 30,
      awarenessAt: '2026-10-25T00:30:00.000Z',
      easeOfIdentification: 'limited' as const,
      riskLevel: 'high' as const,
      art34Exception: 'none' as const,
    };
    const values = valuesFromInput(input, { riskLevel: 'high', art34Exception: 'none' });
    assert.equal(values.awarenessAt, '2026-10-25T02:30');
    const parsed = parseAssessmentForm({ ...values, action: 'recompute' });
    assert.ok(parsed.ok);
    assert.deepEqual({ ...parsed.input }, { ...input });
    // Changed by the officer: the new wall-clock time counts, not the old instant.
    const changed = parseAssessmentForm({ ...values, awarenessAt: '2026-10-25T04:00', action: 'recompute' });
    assert.ok(changed.ok);
    assert.equal(changed.input.awarenessAt, '2026-10-25T03:00:00.000Z');
    // A forged companion value that does not match the shown time is ignored.
    const forged = parseAssessmentForm({
      ...values,
      awarenessAtUtc: '2020-01-01T00:00:00.000Z',
      action: 'recompute',
    });
    assert.ok(forged.ok);
    assert.match(forged.input.awarenessAt!, /^2026-10-25T0[01]:30:00\.000Z$/);
  });

  it('when protection and DPC adjustments are posted per category, then they become per-category engine input and round-trip', () => {
    const parsed = parseAssessmentForm({
      dataCategories: ['access_credentials', 'national_id', 'health'],
      unintelligibility: 'none',
      protection_access_credentials: 'hashed_salted_strong',
      protection_national_id: '',
      dpcAdjustment_health: '-3',
      dpcAdjustment_national_id: '0',
      dpcAdjustmentReason: 'only an appointment date',
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.input.protection, { access_credentials: 'hashed_salted_strong' });
    assert.deepEqual(parsed.input.dpcAdjustments, { health: -3 });
    const values = valuesFromInput(parsed.input, {});
    assert.equal(values.protection_access_credentials, 'hashed_salted_strong');
    assert.equal(values.dpcAdjustment_health, '-3');
    const again = parseAssessmentForm(values);
    assert.ok(again.ok);
    assert.deepEqual(again.input.protection, parsed.input.protection);
    assert.deepEqual(again.input.dpcAdjustments, parsed.input.dpcAdjustments);
  });

  it('when a stored assessment has the old general adjustment, then the form shows it on each category and saving keeps the DPC', () => {
    const stored = {
      dataCategories: ['name_address', 'location'],
      dpcAdjustment: 1,
      dpcAdjustmentReason: 'reveals origin',
    } as const;
    const values = valuesFromInput({ ...stored, dataCategories: [...stored.dataCategories] }, {});
    assert.equal(values.dpcAdjustment_name_address, '1');
    assert.equal(values.dpcAdjustment_location, '1');
    const again = parseAssessmentForm(values);
    assert.ok(again.ok);
    assert.equal(
      assess(again.input).enisa.dpc,
      assess({ ...stored, dataCategories: [...stored.dataCategories] }).enisa.dpc,
    );
  });

  it('when a per-category value is wrong or an adjustment lacks a reason, then that field is named', () => {
    const parsed = parseAssessmentForm({ protection_health: 'magic', dpcAdjustment_email: '2' });
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.fields.protection_health, 'field.invalid');
    assert.equal(parsed.fields.dpcAdjustmentReason, 'assessments.error.dpcAdjustmentReason');
  });

  it('when a per-category adjustment has no value, then the page shows "no adjustment" selected', () => {
    const field = formGroups({}, {}, 'nl')
      .flatMap((g) => g.fields)
      .find((f) => f.name === 'dpcAdjustment_health');
    assert.equal(field?.options.find((o) => o.selected)?.value, '0');
  });

  it('when the page is rendered, then every factor, duty and count has a label and help text in Dutch and English', () => {
    for (const lang of ['nl', 'en'] as const) {
      for (const group of formGroups({}, {}, lang)) {
        assert.ok(!group.legend.startsWith('assessments.'), group.legend);
        for (const f of group.fields) {
          assert.ok(!f.label.startsWith('assessments.'), `${lang} label ${f.name}`);
          assert.ok(!f.help.startsWith('assessments.'), `${lang} help ${f.name}`);
          for (const o of f.options)
            assert.ok(o.label && !o.label.startsWith('assessments.'), `${lang} ${f.name}=${o.value}`);
        }
      }
      for (const duty of DUTY_KINDS)
        assert.notEqual(translate(lang, `duties.kind.${duty}`), `duties.kind.${duty}`);
      for (const s of ['open', 'overdue', 'fulfilled', 'cancelled'])
        assert.notEqual(translate(lang, `duties.status.${s}`), `duties.status.${s}`);
      for (const u of ['overdue', 'soon', 'later', 'no_deadline'])
        assert.notEqual(translate(lang, `dashboard.count.${u}`), `dashboard.count.${u}`);
    }
    assert.ok(FORM_GROUPS.flatMap((g) => g.fields).length >= 30);
  });
});
