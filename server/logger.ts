// Structured logs (pino). Secrets and contact data are redacted by path.
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the process logger; `silent` in tests unless LOG_LEVEL says otherwise. `pretty` prints
 * readable, coloured lines for a developer (pino-pretty, in a worker thread); the default stays JSON.
 */
export function createLogger(level: string, format: 'json' | 'pretty' = 'json'): Logger {
  return pino({
    level,
    ...(format === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
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
