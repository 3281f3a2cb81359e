// How SMTP failures are classified: temporary ones are retried, permanent ones are final at once.
import assert from 'node:assert/strict';
import { classifySendError } from '../../../notifications/channels/smtp.channel.js';
import { SendError } from '../../../notifications/channels/channel.js';

function nodemailerError(props: { message?: string } & Record<string, unknown>): Error {
  return Object.assign(new Error(props.message ?? 'failed'), props);
}

describe('SMTP error classification', () => {
  const table: { when: string; err: unknown; kind: 'temporary' | 'permanent'; code?: number }[] = [
    {
      when: 'the server answers 421',
      err: nodemailerError({ code: 'EPROTOCOL', responseCode: 421, response: '421 try later' }),
      kind: 'temporary',
      code: 421,
    },
    {
      when: 'the server answers 451',
      err: nodemailerError({ code: 'EMESSAGE', responseCode: 451, response: '451 local error' }),
      kind: 'temporary',
      code: 451,
    },
    {
      when: 'the server answers 550',
      err: nodemailerError({ code: 'EMESSAGE', responseCode: 550, response: '550 no such user' }),
      kind: 'permanent',
      code: 550,
    },
    {
      when: 'the server answers 554',
      err: nodemailerError({ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }),
      kind: 'permanent',
      code: 554,
    },
    {
      when: 'the server answers 503 (bad sequence)',
      err: nodemailerError({ code: 'EPROTOCOL', responseCode: 503 }),
      kind: 'temporary',
      code: 503,
    },
    {
      when: 'the connection is refused',
      err: nodemailerError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }),
      kind: 'temporary',
    },
    { when: 'the connection times out', err: nodemailerError({ code: 'ETIMEDOUT' }), kind: 'temporary' },
    { when: 'the connection drops', err: nodemailerError({ code: 'ECONNECTION' }), kind: 'temporary' },
    { when: 'the DNS lookup fails', err: nodemailerError({ code: 'EDNS' }), kind: 'temporary' },
    {
      when: 'authentication fails (535, an operator must fix it)',
      err: nodemailerError({ code: 'EAUTH', responseCode: 535 }),
      kind: 'temporary',
      code: 535,
    },
    { when: 'credentials are missing', err: nodemailerError({ code: 'ENOAUTH' }), kind: 'temporary' },
    {
      when: 'the envelope has an invalid address',
      err: nodemailerError({ code: 'EENVELOPE', message: 'No recipients defined' }),
      kind: 'permanent',
    },
    {
      when: 'every recipient is refused permanently',
      err: nodemailerError({
        code: 'EENVELOPE',
        responseCode: 550,
        rejectedErrors: [{ responseCode: 550 }, { responseCode: 553 }],
      }),
      kind: 'permanent',
      code: 550,
    },
    {
      when: 'recipients are refused, one of them only temporarily',
      err: nodemailerError({
        code: 'EENVELOPE',
        responseCode: 450,
        rejectedErrors: [{ responseCode: 550 }, { responseCode: 450 }],
      }),
      kind: 'temporary',
      code: 550,
    },
    { when: 'something unknown is thrown', err: 'boom', kind: 'temporary' },
  ];
  for (const { when, err, kind, code } of table) {
    it(`when ${when}, then the failure is ${kind}`, () => {
      const classified = classifySendError(err);
      assert.ok(classified instanceof SendError);
      assert.equal(classified.kind, kind);
      assert.equal(classified.responseCode, code);
    });
  }

  it('when a long server response is classified, then the stored message is one bounded line', () => {
    const classified = classifySendError(
      nodemailerError({ responseCode: 550, response: `550 ${'x'.repeat(2000)}\r\nmore` }),
    );
    assert.ok(classified.message.length <= 500);
    assert.doesNotMatch(classified.message, /[\r\n]/);
  });
});
