// The one interface every mail channel implements (SMTP, the dev mailbox, memory for tests).

/** A fully rendered message, ready to hand to a transport. */
export interface OutgoingMail {
  /** Deterministic Message-ID (architecture.md §3 rule 9) so a duplicate is traceable. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * The outcome class of a failed send: `temporary` (4xx, no connection), `permanent` (the server
 * refused with 5xx: final for one affected person's notice, retried for internal mail, issue 11
 * item 13), `invalid` (the message itself can never be sent: bad data, unknown type).
 */
export type SendFailureKind = 'temporary' | 'permanent' | 'invalid';

/** A failed send, classified. */
export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** What a channel reports for an accepted message. */
export interface SendResult {
  response: string;
  /** Recipients the server refused while accepting the message for the others. */
  rejected?: string[];
}

/** A way to deliver mail. */
export interface MailChannel {
  readonly name: string;
  /** Delivers one message; rejects with a SendError when it cannot. */
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}
