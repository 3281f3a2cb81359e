// Where the attachment master secret comes from: ATTACHMENT_KEY (required in production, see
// config.ts); in development and tests, the session secret kept in the data folder, so a local
// installation works without setup and its evidence stays readable across restarts.
import type { Config } from '../config.js';
import { resolveSessionSecret } from '../secrets.js';

const cache = new Map<string, string>();

/** The master secret for sealing evidence files. */
export function attachmentSecret(config: Config): string {
  if (config.attachments.key) return config.attachments.key;
  let secret = cache.get(config.dataDir);
  if (!secret) {
    secret = `derived-from-session-secret:${resolveSessionSecret(config.session.secret, config.dataDir)}`;
    cache.set(config.dataDir, secret);
  }
  return secret;
}
