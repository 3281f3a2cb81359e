// Structured logs (pino). Secrets and contact data are redacted by path.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger; `silent` in tests unless LOG_LEVEL says otherwise. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.email',
        '*.to',
      ],
      censor: '[redacted]',
    },
  });
}
