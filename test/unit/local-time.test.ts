// Dutch local time for datetime-local fields (issue 12, problem 3): one reading and one writing for
// every form, independent of the process's own time zone, across both DST changes.
import assert from 'node:assert/strict';
import { localInputValue, parseDutchLocal, toDutchLocalInput } from '../../server/local-time.js';

describe('unit: Dutch local time in forms', () => {
  it('when a wall-clock time is read, then winter time is +1 h and summer time +2 h', () => {
    assert.equal(parseDutchLocal('2026-01-05T07:54')?.toISOString(), '2026-01-05T06:54:00.000Z');
    assert.equal(parseDutchLocal('2026-07-01T07:54')?.toISOString(), '2026-07-01T05:54:00.000Z');
    assert.equal(parseDutchLocal('2026-07-01T07:54:30')?.toISOString(), '2026-07-01T05:54:30.000Z');
  });

  it('when summer time starts, then the skipped hour does not exist and the minutes around it are exact', () => {
    assert.equal(parseDutchLocal('2026-03-29T01:59')?.toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(parseDutchLocal('2026-03-29T02:00'), undefined);
    assert.equal(parseDutchLocal('2026-03-29T02:59'), undefined);
    assert.equal(parseDutchLocal('2026-03-29T03:00')?.toISOString(), '2026-03-29T01:00:00.000Z');
  });

  it('when summer time ends, then the repeated hour is read as its earlier occurrence (summer time), as the assessment clock reads it', () => {
    assert.equal(parseDutchLocal('2026-10-25T01:59')?.toISOString(), '2026-10-24T23:59:00.000Z');
    assert.equal(parseDutchLocal('2026-10-25T02:00')?.toISOString(), '2026-10-25T00:00:00.000Z');
    assert.equal(parseDutchLocal('2026-10-25T02:59')?.toISOString(), '2026-10-25T00:59:00.000Z');
    assert.equal(parseDutchLocal('2026-10-25T03:00')?.toISOString(), '2026-10-25T02:00:00.000Z');
  });

  it('when a value is not a real date or time, then it is not read', () => {
    for (const v of [
      '2026-02-31T10:00',
      '2026-13-01T10:00',
      '2026-01-05T24:00',
      '2026-01-05T10:60',
      '5-1-2026 10:00',
      '',
      '2026-01-05',
    ])
      assert.equal(parseDutchLocal(v), undefined, v);
    assert.equal(
      parseDutchLocal('2026-01-05', { dateOnly: true })?.toISOString(),
      '2026-01-05T11:00:00.000Z',
    );
  });

  it('when every minute of both DST days is written and read back, then nothing moves (except the second pass through the repeated hour)', () => {
    for (const day of ['2026-03-29', '2026-10-25', '2026-01-05', '2026-07-01']) {
      const start = new Date(`${day}T00:00:00Z`).getTime() - 3 * 3_600_000;
      for (let ms = start; ms < start + 27 * 3_600_000; ms += 60_000) {
        const instant = new Date(ms);
        const shown = toDutchLocalInput(instant);
        const back = parseDutchLocal(shown);
        assert.ok(back, `${instant.toISOString()} shown as ${shown}`);
        // Only the second pass through the repeated October hour (winter time) reads as the first.
        const repeated =
          day === '2026-10-25' &&
          ms >= Date.parse('2026-10-25T01:00:00Z') &&
          ms < Date.parse('2026-10-25T02:00:00Z');
        assert.equal(
          back.getTime(),
          repeated ? ms - 3_600_000 : ms,
          `${instant.toISOString()} shown as ${shown}`,
        );
        assert.equal(localInputValue(shown), shown, 'a typed value comes back as typed');
      }
    }
  });

  it('when a form value is put back, then instants are shown in Dutch time and typed text is kept as typed', () => {
    assert.equal(localInputValue(new Date('2026-01-05T06:54:00Z')), '2026-01-05T07:54');
    assert.equal(localInputValue('2026-07-01T05:54:00.000Z'), '2026-07-01T07:54');
    assert.equal(localInputValue('2026-01-05T07:54'), '2026-01-05T07:54');
    assert.equal(localInputValue('gisteren'), 'gisteren');
    assert.equal(localInputValue(undefined), '');
  });
});
