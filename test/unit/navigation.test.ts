// Issue 14 item 7: the officer's 11 links fit one bar (the rarely used ones under "More"), and a
// phone gets every link under one "Menu".
import assert from 'node:assert/strict';
import { navigationFor, navigationGroups } from '../../server/navigation.js';
import { ROLES } from '../../models/user.model.js';

describe('navigation', () => {
  it('when a privacy officer signs in, then at most seven entries are in the bar and the rest under "More", together all of their links', () => {
    const { main, more } = navigationGroups('privacy_officer', '/dashboard');
    assert.ok(main.length + 1 <= 7, `${main.length} links and "More"`);
    assert.deepEqual(
      more.map((n) => n.href),
      ['/', '/account', '/admin/audit', '/admin/retention', '/insights', '/admin/notice-templates'],
    );
    assert.deepEqual(
      [...main, ...more].map((n) => n.href).sort(),
      navigationFor('privacy_officer', '/dashboard')
        .map((n) => n.href)
        .sort(),
    );
  });

  it('when the page is one of the links under "More", then "More" is marked as holding the current page', () => {
    assert.equal(navigationGroups('privacy_officer', '/admin/audit').moreCurrent, true);
    assert.equal(navigationGroups('privacy_officer', '/register').moreCurrent, false);
  });

  it('when any role signs in, then every link it may use is in the bar or under "More", none twice', () => {
    for (const role of ROLES) {
      const { main, more } = navigationGroups(role, '/');
      const hrefs = [...main, ...more].map((n) => n.href);
      assert.equal(new Set(hrefs).size, hrefs.length, role);
      assert.equal(hrefs.length, navigationFor(role, '/').length, role);
    }
  });

  it('when a role has only a few links (a reporter), then a phone keeps them in the bar; an officer gets the menu', () => {
    assert.equal(navigationGroups('reporter', '/').phoneMenu, false);
    assert.equal(navigationGroups('privacy_officer', '/').phoneMenu, true);
  });
});
