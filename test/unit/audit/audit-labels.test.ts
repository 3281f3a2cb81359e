// Issue 14 item 5: the audit page shows every action by a name, in Dutch and English. The codes are
// collected from the source, so a new action without a name fails here rather than on the page.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { auditActionMessages } from '../../../server/audit/audit-actions.messages.js';
import {
  ACTION_GROUPS,
  KNOWN_ACTIONS,
  actionGroup,
  actionLabel,
  detailLines,
} from '../../../server/audit/audit-labels.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `action: 'x.y'` literal in the application code: what recordAudit is called with. */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of [...sourceFiles('server'), ...sourceFiles('notifications')])
    for (const m of readFileSync(file, 'utf8').matchAll(
      /\baction: (?:[\w.!]+ \? '([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)' : )?'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'/g,
    )) {
      // Also both codes of `action: cond ? 'a.b' : 'c.d'`.
      if (m[1]) found.add(m[1]);
      found.add(m[2]!);
    }
  return [...found].sort();
}

describe('audit labels', () => {
  it('when an action is recorded anywhere in the code, then it has a Dutch and an English name, and its group has one too', () => {
    const actions = recordedActions();
    assert.ok(actions.length > 50, `found ${actions.length} actions`);
    const unnamed = actions.filter((a) => !KNOWN_ACTIONS.includes(a));
    assert.deepEqual(unnamed, [], 'actions without a name in server/audit/audit-actions.messages.ts');
    const groupless = [...new Set(actions.map(actionGroup))].filter((g) => !ACTION_GROUPS.includes(g));
    assert.deepEqual(groupless, [], 'action groups without a name');
    for (const a of actions) {
      assert.notEqual(actionLabel('nl', a), a);
      assert.notEqual(actionLabel('en', a), a);
      assert.notEqual(
        auditActionMessages.nl[`audit.action.${a}` as keyof typeof auditActionMessages.nl],
        auditActionMessages.en[`audit.action.${a}` as keyof typeof auditActionMessages.en],
        `${a}: the same text in both languages`,
      );
    }
  });

  it('when an action has no name (e.g. written by an older version), then the page shows its code', () => {
    assert.equal(actionLabel('nl', 'something.old'), 'something.old');
  });

  it('when details are nested, then they become dotted key lines; lists are joined, empty values left out', () => {
    assert.deepEqual(
      detailLines({
        total: 3,
        filter: { year: 2026, status: ['new', 'triage'], q: undefined },
        note: null,
        at: new Date('2026-01-02T03:04:05Z'),
      }),
      [
        { key: 'total', value: '3' },
        { key: 'filter.year', value: '2026' },
        { key: 'filter.status', value: 'new, triage' },
        { key: 'at', value: '2026-01-02T03:04:05.000Z' },
      ],
    );
    assert.deepEqual(detailLines(undefined), []);
    assert.deepEqual(detailLines({}), []);
  });
});
