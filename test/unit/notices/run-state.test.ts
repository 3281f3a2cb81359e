// The notice-run state machine, four-eyes rule and approval pins (pure).
import assert from 'node:assert/strict';
import {
  approvalRefusal,
  canApply,
  foldRunEvents,
  pinsProblem,
  sendingMsAt,
  type ApprovalPins,
} from '../../../server/notices/run-state.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min));
const ev = (seq: number, type: string, min: number, extra: Record<string, unknown> = {}) => ({
  seq,
  type,
  at: at(min),
  byId: 'u1',
  byName: 'U',
  ...extra,
});
const PINS: ApprovalPins = {
  templates: [{ lang: 'nl', id: 't1', version: 2, hash: 'h1' }],
  textVersion: 3,
  textHash: 'x3',
};

describe('unit: notice run state', () => {
  it('when events are folded, then the state follows them and sending time excludes pauses', () => {
    const s = foldRunEvents([
      ev(1, 'created', 0),
      ev(2, 'approved', 1, { details: { pins: PINS } }),
      ev(3, 'started', 2, {
        details: { settings: { concurrency: 5, ratePerSecond: 0, failureThreshold: 50 } },
      }),
      ev(4, 'paused', 12, { reason: 'circuit' }),
      ev(5, 'resumed', 20, {
        details: { settings: { concurrency: 2, ratePerSecond: 10, failureThreshold: 5 } },
      }),
    ])!;
    assert.equal(s.state, 'sending');
    assert.equal(s.seq, 5);
    assert.equal(s.pauseReason, null);
    assert.deepEqual(s.settings, { concurrency: 2, ratePerSecond: 10, failureThreshold: 5 });
    assert.equal(s.sendingMs, 10 * 60_000);
    assert.equal(sendingMsAt(s, at(25)), 15 * 60_000);
    assert.equal(s.firstStartedAt?.getTime(), at(2).getTime());
  });

  it('when a transition is asked, then only the allowed ones are', () => {
    const table: [string[], string, boolean][] = [
      [[], 'created', true],
      [['created'], 'started', false],
      [['created'], 'approved', true],
      [['created', 'approved'], 'started', true],
      [['created', 'approved'], 'approval_voided', true],
      [['created', 'approved', 'approval_voided'], 'started', false],
      [['created', 'approved', 'started'], 'completed', true],
      [['created', 'approved', 'started'], 'resumed', false],
      [['created', 'approved', 'started', 'paused'], 'resumed', true],
      [['created', 'approved', 'started', 'paused'], 'completed', false],
      [['created', 'approved', 'started', 'completed'], 'cancelled', false],
      [['created', 'cancelled'], 'approved', false],
    ];
    for (const [types, next, allowed] of table) {
      const s = types.length
        ? foldRunEvents(
            types.map((t, i) => ev(i + 1, t, i, t === 'approved' ? { details: { pins: PINS } } : {})),
          )
        : null;
      assert.equal(canApply(s, next as never), allowed, `${types.join('>')} + ${next}`);
    }
  });

  it('when the approval is voided, then the run is a draft again but remembers the last approval', () => {
    const s = foldRunEvents([
      ev(1, 'created', 0),
      ev(2, 'approved', 1, { details: { pins: PINS } }),
      ev(3, 'approval_voided', 2, { reason: 'template-changed' }),
    ])!;
    assert.equal(s.state, 'draft');
    assert.equal(s.approval, null);
    assert.equal(s.voidReason, 'template-changed');
    assert.deepEqual(s.lastApproval?.pins, PINS);
  });

  it('when someone approves, then the run creator and every text author are refused', () => {
    assert.equal(approvalRefusal({ createdById: 'a' }, ['a', 'b'], 'a'), 'own-notice');
    assert.equal(approvalRefusal({ createdById: 'a' }, ['a', 'b'], 'b'), 'own-notice');
    assert.equal(approvalRefusal({ createdById: 'a' }, ['a', 'b'], 'c'), null);
    assert.equal(approvalRefusal({ createdById: 'a' }, ['a', 'b'], 'c', ['c', undefined]), 'own-template');
    assert.equal(approvalRefusal({ createdById: 'a' }, ['a', 'b'], 'c', [null, 'd']), null);
  });

  it('when versions are compared with the pins, then a new version, an altered document or changed texts each break them', () => {
    const current = () => ({
      templates: new Map([
        ['nl', { id: 't1', version: 2, hash: 'h1' }],
        ['en', { id: 't9', version: 7, hash: 'h9' }],
      ]),
      pinnedContentHashes: new Map([['t1', 'h1']]),
      text: { version: 3, hash: 'x3' },
    });
    assert.equal(pinsProblem(PINS, current()), null);
    const newer = current();
    newer.templates.set('nl', { id: 't2', version: 3, hash: 'h2' });
    assert.equal(pinsProblem(PINS, newer), 'template-changed');
    const altered = current();
    altered.pinnedContentHashes.set('t1', 'tampered');
    assert.equal(pinsProblem(PINS, altered), 'template-changed');
    const texts = current();
    texts.text = { version: 4, hash: 'x4' };
    assert.equal(pinsProblem(PINS, texts), 'texts-changed');
  });
});
