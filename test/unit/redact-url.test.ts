// Secret URL tokens are kept out of the request logs.
import assert from 'node:assert/strict';
import { redactUrl } from '../../server/app.js';

describe('logs: secret tokens in URLs', () => {
  it('when a calendar feed or setup link is logged, then its token is replaced', () => {
    assert.equal(redactUrl('/calendar/abcDEF123.ics'), '/calendar/[redacted]');
    assert.equal(redactUrl('/setup/tok_en-1?x=1'), '/setup/[redacted]?x=1');
  });
  it('when the path is spelled otherwise (case, doubled slashes, percent-encoding), then the token is still replaced', () => {
    assert.equal(redactUrl('/CALENDAR/abcDEF123.ics'), '/CALENDAR/[redacted]');
    assert.equal(redactUrl('//calendar/abc.ics'), '//calendar/[redacted]');
    assert.equal(redactUrl('/%73etup/tok?x=1'), '/%73etup/[redacted]?x=1');
    assert.equal(redactUrl('/calendar//abc.ics'), '/calendar//[redacted]');
  });
  it('when another URL is logged, then it is kept as is', () => {
    assert.equal(redactUrl('/incidents/65a1/assessment'), '/incidents/65a1/assessment');
    assert.equal(redactUrl('/login?next=%2Fcalendar%2Fx'), '/login?next=%2Fcalendar%2Fx');
  });
});
