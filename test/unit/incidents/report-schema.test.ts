// The report form's schema: cross-field rules, "I don't know", and refusal of non-string input.
import assert from 'node:assert/strict';
import { reportSchema } from '../../../server/incidents/incidents.schema.js';
import { fieldErrors } from '../../../server/middleware/validate.js';
import { reportForm } from '../../helpers/incidents.js';

const NOW = new Date('2026-03-10T10:00:00Z');
const errorsOf = (form: Record<string, unknown>) => {
  const r = reportSchema(NOW).safeParse(form);
  return r.success ? {} : fieldErrors(r.error);
};

describe('incidents: the report form schema', () => {
  it('when minors are among the affected persons, then they count as vulnerable whatever was answered', () => {
    const v = reportSchema(NOW).parse(
      reportForm({ subjectCategories: ['clients', 'minors'], vulnerableSubjects: 'no' }),
    );
    assert.equal(v.vulnerableSubjects, 'yes');
  });

  it('when it is still going on, then no end is stored; when the time is unknown, then no start either', () => {
    const ongoing = reportSchema(NOW).parse(reportForm({ ongoing: 'on', occurredTo: '2026-01-06T10:00' }));
    assert.equal(ongoing.occurredTo, undefined);
    const unknown = reportSchema(NOW).parse(reportForm({ occurrenceUnknown: 'on' }));
    assert.equal(unknown.occurredFrom, undefined);
  });

  it('when no personal data are involved, then data and subject categories are not required', () => {
    assert.deepEqual(
      errorsOf(reportForm({ personalDataInvolved: 'no', dataCategories: [], subjectCategories: [] })),
      {},
    );
    assert.equal(
      errorsOf(reportForm({ personalDataInvolved: 'unknown', dataCategories: [] })).dataCategories,
      'field.incidents.chooseOneOrUnknown',
    );
  });

  it('when dates lie in the future or in the wrong order, then each is named', () => {
    assert.equal(
      errorsOf(reportForm({ discoveredAt: '2026-03-11T10:00' })).discoveredAt,
      'field.incidents.future',
    );
    assert.equal(
      errorsOf(reportForm({ occurredTo: '2026-01-04T10:00' })).occurredTo,
      'field.incidents.endBeforeStart',
    );
  });

  it('when values are objects, arrays of objects or unknown choices, then they are refused as invalid', () => {
    const e = errorsOf({
      ...reportForm(),
      summary: { $ne: null },
      incidentCause: { $gt: '' },
      dataCategories: [{ $ne: 1 }],
      malicious: 'maybe',
      subjectsCountMin: '-1',
    });
    assert.equal(e.summary, 'field.invalid');
    assert.equal(e.incidentCause, 'field.invalid');
    assert.equal(e.dataCategories, 'field.invalid');
    assert.equal(e.malicious, 'field.invalid');
    assert.equal(e.subjectsCountMin, 'field.incidents.wholeNumber');
  });
});
