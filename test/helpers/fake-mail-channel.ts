// A test double: keeps messages in memory and can be told to fail or hang, so services and the
// worker can be tested without a mail server. Never used outside tests.
import {
  SendError,
  type MailChannel,
  type OutgoingMail,
  type SendResult,
} from '../../notifications/channels/channel.js';

type Step = { kind: 'fail'; error: SendError } | { kind: 'hang' };

/** In-memory mail channel for tests: `sent` holds every accepted message in order. */
export class FakeMailChannel implements MailChannel {
  readonly name = 'memory';
  readonly sent: OutgoingMail[] = [];
  private readonly script: Step[] = [];
  private readonly hung: (() => void)[] = [];

  /** Makes the next `times` sends fail with the given error kind. */
  failNext(
    kind: 'temporary' | 'permanent',
    times = 1,
    responseCode = kind === 'temporary' ? 451 : 550,
  ): this {
    for (let i = 0; i < times; i++) {
      this.script.push({
        kind: 'fail',
        error: new SendError(kind, `${responseCode} fake ${kind} failure`, responseCode),
      });
    }
    return this;
  }

  /** Makes the next send never settle until release(), like a worker process that died mid-send. */
  hangNext(): this {
    this.script.push({ kind: 'hang' });
    return this;
  }

  /** Lets every hung send fail (as a dropped connection would), so late owners can be tested. */
  releaseHung(): void {
    for (const release of this.hung.splice(0)) release();
  }

  send(mail: OutgoingMail): Promise<SendResult> {
    const step = this.script.shift();
    if (step?.kind === 'fail') return Promise.reject(step.error);
    if (step?.kind === 'hang') {
      return new Promise((_resolve, reject) => {
        this.hung.push(() => reject(new SendError('temporary', 'connection lost (released hang)')));
      });
    }
    this.sent.push(structuredClone(mail));
    return Promise.resolve({ response: `250 accepted ${mail.messageId}` });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
