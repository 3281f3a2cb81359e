// A real SMTP server for tests (smtp-server on a free loopback port): every accepted message is
// parsed with mailparser, and chosen recipients can be refused with 4xx/5xx replies to test retries.
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { parseRfc822, type ParsedMailMessage } from '../../notifications/channels/mailbox.channel.js';

/** A message the sink accepted. */
export interface SinkMessage {
  messageId: string;
  from: string;
  /** Envelope recipients that were accepted (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Refuse RCPT TO for matching recipients with `code`, `times` times (default: always). */
export interface RejectRule {
  recipient: string | RegExp;
  code: number;
  times?: number;
  message?: string;
}

/** A running sink. */
export interface SmtpSink {
  readonly port: number;
  /** smtp:// URL for the SMTP channel. */
  readonly url: string;
  readonly messages: SinkMessage[];
  /** Adds a refusal rule (e.g. `{ recipient: 'x@y.nl', code: 451, times: 1 }`). */
  reject(rule: RejectRule): void;
  /**
   * From now on, receives each message but never answers its DATA (the sender waits, mid-send);
   * resolves once a message is held. Held messages are not accepted and not in `messages`.
   */
  hold(): Promise<void>;
  /** Stops holding; held messages are refused with 451 (a sender still listening retries them). */
  release(): void;
  /** Forgets the messages received and the refusal rules. */
  reset(): void;
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

function matches(rule: RejectRule, address: string): boolean {
  return typeof rule.recipient === 'string'
    ? rule.recipient.toLowerCase() === address.toLowerCase()
    : rule.recipient.test(address);
}

function toSinkMessage(parsed: ParsedMailMessage, envelopeTo: string[]): SinkMessage {
  const { messageId, from, subject, text, html, headers } = parsed;
  return { messageId, from, to: envelopeTo, subject, text, html, headers };
}

/** Starts an SMTP sink on 127.0.0.1 at a free port. */
export async function startSmtpSink(options: { reject?: RejectRule[] } = {}): Promise<SmtpSink> {
  let rules: { rule: RejectRule; left: number }[] = [];
  const messages: SinkMessage[] = [];
  const waiters = new Set<() => void>();
  let holding = false;
  let held: (() => void)[] = [];
  let onHeld: (() => void) | undefined;
  const addRule = (rule: RejectRule) => rules.push({ rule, left: rule.times ?? Infinity });
  options.reject?.forEach(addRule);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const hit = rules.find((r) => r.left > 0 && matches(r.rule, address.address));
      if (!hit) return callback();
      hit.left--;
      const err = new Error(hit.rule.message ?? `refused by test sink (${hit.rule.code})`) as Error & {
        responseCode: number;
      };
      err.responseCode = hit.rule.code;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      // A client killed mid-message (the crash tests kill workers) ends the stream with an error.
      stream.on('error', (err) => callback(err));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (holding) {
          held.push(() =>
            callback(Object.assign(new Error('held by the test sink, not accepted'), { responseCode: 451 })),
          );
          onHeld?.();
          return;
        }
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        parseRfc822(Buffer.concat(chunks)).then(
          (parsed) => {
            messages.push(toSinkMessage(parsed, envelopeTo));
            for (const wake of [...waiters]) wake();
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, a connection error is the client's doing — such as a worker the test killed
  // mid-conversation (ECONNRESET) — and must not take the test process down.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    reject: addRule,
    hold() {
      holding = true;
      return new Promise<void>((resolve) => {
        onHeld = () => {
          onHeld = undefined;
          resolve();
        };
        if (held.length) onHeld();
      });
    },
    release() {
      holding = false;
      onHeld = undefined;
      const waiting = held;
      held = [];
      for (const refuse of waiting) refuse();
    },
    reset() {
      messages.length = 0;
      rules = [];
    },
    waitFor(count: number, timeoutMs = 5000): Promise<SinkMessage[]> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...messages]);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
