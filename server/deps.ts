// What has state is injected through one argument (architecture.md §3 rule 11).
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Clock } from './clock.js';
import type { MailChannel } from '../notifications/channels/channel.js';

/** Everything with state that the app and its services need. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Where outgoing mail goes (SMTP, the dev mailbox, or memory in tests); used by the worker only. */
  mail: MailChannel;
}
