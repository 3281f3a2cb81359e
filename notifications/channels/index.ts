// Picks the mail channel from configuration: SMTP when a server is configured, otherwise the dev
// mailbox, so a fresh install works without any mail server and loses nothing.
import { createSmtpChannel } from './smtp.channel.js';
import { createMailboxChannel, mailboxDir } from './mailbox.channel.js';
import type { MailChannel } from './channel.js';

/** The configuration slice the channel choice depends on. */
export interface MailChannelConfig {
  readonly dataDir: string;
  readonly mail: { readonly smtpUrl: string | undefined };
}

/** Creates the configured mail channel: SMTP if `mail.smtpUrl` is set, else the mailbox in `dataDir/mailbox`. */
export function createMailChannel(config: MailChannelConfig): MailChannel {
  if (config.mail.smtpUrl) return createSmtpChannel({ url: config.mail.smtpUrl });
  return createMailboxChannel({ dir: mailboxDir(config.dataDir) });
}

export type { MailChannel, OutgoingMail, SendResult, SendFailureKind } from './channel.js';
export { SendError } from './channel.js';
export { createSmtpChannel, classifySendError, type SmtpChannelOptions } from './smtp.channel.js';
export {
  createMailboxChannel,
  listMailbox,
  readMailboxMessage,
  mailboxDir,
  type MailboxChannel,
  type MailboxEntry,
  type ParsedMailMessage,
} from './mailbox.channel.js';
