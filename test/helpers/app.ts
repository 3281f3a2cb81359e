// Builds the app for Supertest on the real test database, with a fake clock and an in-memory mail
// channel (a test double: the worker tests use the real SMTP sink).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { FakeClock } from './fake-clock.js';
import type { AppDeps } from '../../server/deps.js';
import { FakeMailChannel } from './fake-mail-channel.js';
import { startTestDatabase } from './db.js';
import { LoginAttempt } from '../../models/login-attempt.model.js';
import { IntakeAttempt } from '../../models/intake-attempt.model.js';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  clock: FakeClock;
  mail: FakeMailChannel;
  config: Config;
}

/** A fresh app instance on the shared test database; `env` overrides configuration. */
export async function buildTestApp(env: Record<string, string> = {}, clockStart?: string): Promise<TestApp> {
  await startTestDatabase();
  await forgetCountedAttempts();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'meldpunt-app-')),
    BASE_URL: 'http://meldpunt.test',
    // The second factor is required for officers and administrators by default; suites that are
    // not about signing in switch it off here (a TOTP code is accepted once per 30 s, and they sign
    // the same users in many times). test/http/second-factor.test.ts runs with the default.
    MFA_REQUIRED_ROLES: 'none',
    ...env,
  });
  const clock = new FakeClock(clockStart ?? new Date().toISOString());
  const mail = new FakeMailChannel();
  const deps: AppDeps = { config, logger: createLogger(config.logLevel), clock, mail };
  const app = createApp(deps, { sessionSecret: 'test-secret-test-secret-test-secret-0123' });
  return { app, deps, clock, mail, config };
}

/**
 * Each test app starts as a fresh deployment would: no sign-in failures, wrong codes or public
 * reports counted yet. The limits behind them are organisation-wide (per client address, per
 * whole page), and every file signs in and reports from the same loopback address into the one
 * test database — without this, the files before a test would decide whether it is locked out.
 * Slots are also kept under each file's own fake clock, so a file running "later" could count
 * against one running "earlier". A test about a limit makes its attempts after building its app.
 */
async function forgetCountedAttempts(): Promise<void> {
  await Promise.all([LoginAttempt.deleteMany({}), IntakeAttempt.deleteMany({})]);
}
