// Issue 16: the group-to-role map and the single sign-on settings, read from the environment.
import assert from 'node:assert/strict';
import { groupsFromClaim, roleForGroups } from '../../../server/auth/sso-config.js';
import { ConfigError, loadConfig, parseRoleList, parseRoleMap } from '../../../server/config.js';

const OIDC = {
  OIDC_ISSUER: 'https://login.example.org/realms/nmi',
  OIDC_CLIENT_ID: 'meldpunt',
  OIDC_CLIENT_SECRET: 'x',
  OIDC_ROLE_MAP: 'nmi-privacy=privacy_officer',
};

describe('single sign-on settings', () => {
  it('when the role map lists groups, then the first group the user is in decides the role', () => {
    const { map, problems } = parseRoleMap(
      ' nmi-privacy = privacy_officer, OU=Groups=admin ,nmi-staff=reporter',
    );
    assert.deepEqual(problems, []);
    // Entries are split at commas, so a group name cannot contain one; "=" inside a name is fine.
    assert.deepEqual(map, [
      { group: 'nmi-privacy', role: 'privacy_officer' },
      { group: 'OU=Groups', role: 'admin' },
      { group: 'nmi-staff', role: 'reporter' },
    ]);
    assert.equal(roleForGroups(map, ['nmi-staff', 'nmi-privacy']), 'privacy_officer');
    assert.equal(roleForGroups(map, ['nmi-staff']), 'reporter');
    assert.equal(roleForGroups(map, ['marketing']), null);
    assert.equal(roleForGroups(map, []), null);
  });

  it('when an entry names no known role, then it is reported', () => {
    const { problems } = parseRoleMap('a=superuser,b,=admin');
    assert.equal(problems.length, 3);
  });

  it('when the claim is one name or a list with other values, then only names count', () => {
    assert.deepEqual(groupsFromClaim('a'), ['a']);
    assert.deepEqual(groupsFromClaim(['a', 3, null, 'b']), ['a', 'b']);
    assert.deepEqual(groupsFromClaim(undefined), []);
  });

  it('when the roles requiring a second factor are given, then "none" means none and unknown roles are reported', () => {
    assert.deepEqual(parseRoleList('none').roles, []);
    assert.deepEqual(parseRoleList('admin, reporter').roles, ['admin', 'reporter']);
    assert.equal(parseRoleList('admin,boss').problems.length, 1);
  });

  it('when nothing is configured, then local accounts sign in and officers and administrators need a second factor', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    assert.equal(c.sso.localLogin, true);
    assert.deepEqual(c.sso.mfaRequiredRoles, ['privacy_officer', 'admin']);
    assert.equal(c.sso.oidc, undefined);
  });

  it('when single sign-on is configured, then the callback and sign-out addresses default to the base URL', () => {
    const c = loadConfig({ NODE_ENV: 'test', BASE_URL: 'https://meldpunt.example.org/', ...OIDC });
    assert.equal(c.sso.oidc?.redirectUrl, 'https://meldpunt.example.org/auth/oidc/callback');
    assert.equal(c.sso.oidc?.postLogoutRedirectUrl, 'https://meldpunt.example.org/login');
    assert.equal(c.sso.oidc?.roleClaim, 'groups');
    assert.equal(c.sso.oidc?.scopes, 'openid email profile');
  });

  it('when the settings are incomplete or unsafe, then the start is refused with every problem listed', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', OIDC_ISSUER: 'https://login.example.org' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.ok(e.problems.some((p) => p.startsWith('OIDC_CLIENT_ID')));
        assert.ok(e.problems.some((p) => p.startsWith('OIDC_ROLE_MAP')));
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', LOCAL_LOGIN: 'false' }),
      /LOCAL_LOGIN: cannot be false/,
    );
    assert.throws(() => loadConfig({ NODE_ENV: 'test', ...OIDC, OIDC_ROLE_MAP: 'x=root' }), /OIDC_ROLE_MAP/);
    assert.throws(() => loadConfig({ NODE_ENV: 'test', MFA_REQUIRED_ROLES: 'boss' }), /MFA_REQUIRED_ROLES/);
    // Production keeps the second factor for officers and administrators while passwords are used.
    const secrets = {
      SESSION_SECRET: 'k8Jq2nV7xR4mT9wL3pZ6yB1cF5hD0sGa',
      ATTACHMENT_KEY: 'Q3vN8rT1kW6zP4mX9cJ2hL7bF5sD0yGe',
      AUDIT_KEY: 'Z1xC4vB7nM0qW3eR6tY9uI2oP5aS8dFg',
    };
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', ...secrets, MFA_REQUIRED_ROLES: 'admin' }),
      /must include privacy_officer in production/,
    );
  });
});
