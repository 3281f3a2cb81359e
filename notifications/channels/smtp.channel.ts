// Delivery over SMTP with Nodemailer's pooled transport: connections are reused because a new
// connection costs a greeting round-trip (and smtp-server, used in tests, delays each greeting).
import nodemailer, { type NodemailerError } from 'nodemailer';
import { SendError, type MailChannel, type OutgoingMail, type SendResult } from './channel.js';

/** Settings of the SMTP channel; only the URL is required. */
export interface SmtpChannelOptions {
  /** smtp:// or smtps:// URL, credentials included (never logged). */
  url: string;
  maxConnections?: number;
  /** Messages per connection before it is recycled. */
  maxMessages?: number;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

// Nodemailer codes that mean "the way to the server failed", not "the server refused this message".
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EPROXY',
  'EMAXLIMIT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const MAX_ERROR_TEXT = 500;

function isPermanentReply(code: number): boolean {
  // RFC 5321: 5yz is a permanent refusal. 503 (bad sequence of commands) is a session-state
  // problem, so the same message can succeed on a fresh connection.
  return code >= 500 && code < 600 && code !== 503;
}

function describe(e: NodemailerError): string {
  const head = e.responseCode ?? e.code ?? 'error';
  const text = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim();
  return `${head}: ${text}`.slice(0, MAX_ERROR_TEXT);
}

/** Classifies any error from a send into a temporary or permanent SendError. */
export function classifySendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (typeof err !== 'object' || err === null) return new SendError('temporary', String(err));
  const e = err as NodemailerError;
  const rejected = e.rejectedErrors ?? [];
  if (rejected.length > 0) {
    // Every recipient was refused: final only if every refusal was final.
    const allPermanent = rejected.every(
      (r) => typeof r.responseCode === 'number' && isPermanentReply(r.responseCode),
    );
    const code = rejected[0]?.responseCode ?? e.responseCode;
    return new SendError(allPermanent ? 'permanent' : 'temporary', describe(rejected[0] ?? e), code);
  }
  // Refused credentials are the operator's to fix, not the message's fault: keep it for later.
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return new SendError('temporary', describe(e), e.responseCode);
  if (typeof e.responseCode === 'number') {
    const kind = isPermanentReply(e.responseCode) ? 'permanent' : 'temporary';
    return new SendError(kind, describe(e), e.responseCode);
  }
  if (e.code && CONNECTION_CODES.has(e.code)) return new SendError('temporary', describe(e));
  // An envelope refused before any server reply: a malformed or missing address will not improve.
  if (e.code === 'EENVELOPE') return new SendError('permanent', describe(e));
  // Unknown causes are retried: the retry policy bounds the attempts anyway.
  return new SendError('temporary', describe(e));
}

/** Creates the SMTP channel (pooled Nodemailer transport) for the given URL. */
export function createSmtpChannel(options: SmtpChannelOptions): MailChannel {
  const transport = nodemailer.createTransport({
    pool: true,
    url: options.url,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessages ?? 100,
    connectionTimeout: options.connectionTimeoutMs ?? 15_000,
    greetingTimeout: options.connectionTimeoutMs ?? 15_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    // Never let Nodemailer read files or URLs named in message content.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: 'smtp',
    async send(mail: OutgoingMail): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers,
          attachments: mail.attachments,
        });
        const rejected = (info.rejected ?? []).map(String);
        return { response: String(info.response ?? ''), ...(rejected.length ? { rejected } : {}) };
      } catch (err) {
        throw classifySendError(err);
      }
    },
    close(): Promise<void> {
      transport.close();
      return Promise.resolve();
    },
  };
}
