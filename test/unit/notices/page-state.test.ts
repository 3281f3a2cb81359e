// The page state of the sending engine (pure): in-flight marking, recovery, retry decisions, counts.
import assert from 'node:assert/strict';
import { countStatus, PageState, safeErrorText } from '../../../notifications/notice-run/page-state.js';

const POLICY = { baseDelayMs: 1000, factor: 2, maxDelayMs: 8000, maxAttempts: 3 };
const T0 = new Date('2026-01-05T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const fresh = (status: string) =>
  new PageState({ status, retries: [], failures: [], inFlightRecovered: 0, templates: [] });

describe('unit: notice page state', () => {
  it('when a page starts, then its pending recipients are due and letter-only ones never are', () => {
    const s = fresh('ppLp');
    assert.deepEqual(s.dueIndices(T0), [0, 1, 3]);
    assert.ok(s.isOpen());
    assert.deepEqual(s.counts(), {
      pending: 3,
      sending: 0,
      sent: 0,
      retrying: 0,
      failed: 0,
      dead: 0,
      letter: 1,
    });
  });

  it('when outcomes are recorded, then sent is final, a temporary failure backs off, a permanent one fails at once, and attempts run out into dead', () => {
    const s = fresh('pppp');
    s.markSending([0, 1, 2, 3]);
    assert.equal(s.toData().status, 'ssss');
    assert.equal(s.record(0, { ok: true }, T0, POLICY, 'nl:1'), 'sent');
    assert.equal(
      s.record(1, { ok: false, kind: 'temporary', message: '451 try later' }, T0, POLICY),
      'retrying',
    );
    assert.equal(
      s.record(2, { ok: false, kind: 'permanent', message: '550 <x@y.test> unknown', code: 550 }, T0, POLICY),
      'failed',
    );
    assert.equal(
      s.record(3, { ok: false, kind: 'temporary', message: 'ECONNRESET' }, T0, POLICY),
      'retrying',
    );
    assert.equal(s.toData().status, 'SrFr');
    // Backed off: not due until 1 s later.
    assert.deepEqual(s.dueIndices(at(999)), []);
    assert.deepEqual(s.dueIndices(at(1000)), [1, 3]);
    assert.equal(s.nextDueAt()?.getTime(), at(1000).getTime());
    // The third attempt of a temporary failure is the last (maxAttempts 3).
    s.markSending([3]);
    assert.equal(s.record(3, { ok: false, kind: 'temporary', message: '421' }, at(1000), POLICY), 'retrying');
    assert.deepEqual(s.dueIndices(at(2999)), [1]);
    s.markSending([3]);
    assert.equal(s.record(3, { ok: false, kind: 'temporary', message: '421' }, at(3000), POLICY), 'dead');
    s.markSending([1]);
    assert.equal(s.record(1, { ok: true }, at(3000), POLICY, 'nl:1'), 'sent');
    assert.equal(s.toData().status, 'SSFD');
    assert.ok(!s.isOpen());
    assert.equal(s.nextDueAt(), null);
    const data = s.toData();
    assert.deepEqual(
      data.failures.map((f) => [f.i, f.a, f.code ?? null]),
      [
        [2, 1, 550],
        [3, 3, null],
      ],
    );
    assert.equal(data.failures[0]!.e, '550 <[address]> unknown');
    assert.deepEqual(data.templates, ['nl:1']);
    assert.equal(data.firstSentAt?.getTime(), T0.getTime());
  });

  it('when a new owner finds recipients still marked in flight, then it counts them and makes them due again, keeping their attempt counts', () => {
    const s = fresh('SpppS');
    s.markSending([1, 2]);
    s.record(2, { ok: false, kind: 'temporary', message: 'x' }, T0, POLICY);
    s.markSending([2]);
    const stored = s.toData();
    assert.equal(stored.status, 'SsspS');
    const taken = new PageState(stored);
    assert.equal(taken.recoverInFlight(), 2);
    assert.equal(taken.inFlightRecovered, 2);
    assert.deepEqual(taken.dueIndices(T0), [1, 2, 3]);
    assert.equal(taken.attemptsOf(2), 1);
    assert.equal(taken.attemptsOf(1), 0);
  });

  it('when error texts are stored, then addresses and control characters are removed and the length is bounded', () => {
    assert.equal(
      safeErrorText('550 5.1.1 <jan.jansen@example.nl>: Recipient\r\naddress rejected'),
      '550 5.1.1 <[address]>: Recipient address rejected',
    );
    assert.equal(safeErrorText('x'.repeat(500)).length, 300);
    assert.deepEqual(countStatus('pSrFDLs?'), {
      pending: 1,
      sending: 1,
      sent: 1,
      retrying: 1,
      failed: 1,
      dead: 1,
      letter: 1,
    });
  });
});
