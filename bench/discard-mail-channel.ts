// The pages benchmark sends no mail worth measuring: this channel accepts every message and keeps
// nothing, so memory stays flat however long the benchmark runs.
import type { MailChannel, OutgoingMail, SendResult } from '../notifications/channels/channel.js';

export class DiscardMailChannel implements MailChannel {
  readonly name = 'discard';
  send(mail: OutgoingMail): Promise<SendResult> {
    return Promise.resolve({ response: `250 discarded ${mail.messageId}` });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
