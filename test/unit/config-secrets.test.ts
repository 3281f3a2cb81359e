// Issue 11 item 11: production refuses weak, placeholder or shared secrets, and lists every
// problem at once; development keeps working without any.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../server/config.js';
import { weakSecretReason } from '../../server/secret-strength.js';

const strong = () => randomBytes(32).toString('base64url');
const production = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'production', ...env });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config: production secrets', () => {
  it('when all three secrets are missing, then all three are reported at once', () => {
    const problems = problemsOf(production({}));
    assert.deepEqual(problems, [
      'SESSION_SECRET: required in production',
      'ATTACHMENT_KEY: required in production',
      'AUDIT_KEY: required in production',
    ]);
  });

  it('when secrets are placeholders, repeated characters, patterns or runs, then each is refused by name', () => {
    const problems = problemsOf(
      production({
        SESSION_SECRET: 'a'.repeat(40),
        ATTACHMENT_KEY: 'changeme-changeme-changeme-changeme',
        AUDIT_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789',
      }),
    );
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^SESSION_SECRET: /);
    assert.match(problems[1]!, /^ATTACHMENT_KEY: looks like a placeholder/);
    assert.match(problems[2]!, /^AUDIT_KEY: contains a run/);
    for (const weak of [
      'Xy3Xy3Xy3Xy3Xy3Xy3Xy3Xy3Xy3Xy3Xy3Xy3',
      'my-super-secret-session-key-for-prod',
      '11112222333344445555666677778888',
      'qwertyuiopqwertyuiopqwertyuiopqwer',
    ])
      assert.ok(weakSecretReason(weak), weak);
  });

  it('when the session secret and the attachment key are the same value, then that is refused', () => {
    const same = strong();
    const problems = problemsOf(
      production({ SESSION_SECRET: same, ATTACHMENT_KEY: same, AUDIT_KEY: strong() }),
    );
    assert.deepEqual(problems, [
      'ATTACHMENT_KEY: must differ from SESSION_SECRET (each secret protects something else)',
    ]);
  });

  it('when the secrets are random (base64 or 32 hex digits), then production starts', () => {
    fc.assert(
      fc.property(fc.constantFrom<BufferEncoding>('base64url', 'hex', 'base64'), (encoding) => {
        const bytes = encoding === 'hex' ? 16 : 32;
        const make = () => randomBytes(bytes).toString(encoding);
        const config = loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: make(),
          ATTACHMENT_KEY: make(),
          AUDIT_KEY: make(),
        });
        return config.session.secureCookies === true;
      }),
      { numRuns: 300 },
    );
  });

  it('when in development, then no secret is required', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development' }).audit.key, undefined);
  });
});
