// Second-factor codes for the tests (issue 16 item 3): real TOTP codes computed from the secret the
// enrolment page shows, as an authenticator app does.
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';

/** The six-digit code for the base32 secret at the given time. */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: at.getTime(),
  });
}

/** The secret and otpauth URI an enrolment page shows. */
export function enrolmentFrom(html: string): { secret: string; uri: string } {
  const secret = /id="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1];
  const uri = /id="totp-uri"[^>]*>([^<]+)</.exec(html)?.[1];
  assert.ok(secret && uri, 'the enrolment page shows the key and the link');
  return { secret: secret.replace(/\s+/g, ''), uri: uri.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') };
}

/** The recovery codes a page shows once. */
export function recoveryCodesFrom(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
}
