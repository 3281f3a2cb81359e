// The only reader of process.env. Every variable is documented in .env.example.
import { z } from 'zod';
import { resolve } from 'node:path';
import { DEFAULT_ORGANISATION } from './organisation.js';
import { productionSecretProblems } from './secret-strength.js';
import { ROLES, type Role } from '../models/user.model.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const emailList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

/** A comma-separated list of numbers, each checked (reminder schedules, domain.md §10.5). */
function numberList(fallback: string, valid: (n: number) => boolean) {
  return z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((x) => Number(x.trim())))
    .refine(
      (list) => list.length > 0 && list.every((n) => Number.isFinite(n) && valid(n)),
      'must be a comma-separated list of valid numbers',
    );
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(8),
  SECURE_COOKIES: bool.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  // Single sign-on and the second factor (issue 16).
  LOCAL_LOGIN: bool.default(true),
  MFA_REQUIRED_ROLES: z.string().default('privacy_officer,admin'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_POST_LOGOUT_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_LOGIN_MINUTES: z.coerce.number().positive().default(10),
  OIDC_BUTTON_LABEL: z.string().max(100).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Meldpunt <meldpunt@localhost>'),
  PRIVACY_OFFICER_DEPUTY_EMAIL: z.email().optional(),
  ESCALATION_EMAIL: z.email().optional(),
  MINISTRY_EMAILS: emailList.optional(),
  ORG_NAME: z.string().default(DEFAULT_ORGANISATION.name),
  ORG_ADDRESS: z.string().default(DEFAULT_ORGANISATION.address),
  ORG_EMAIL: z.email().default(DEFAULT_ORGANISATION.email),
  ORG_PHONE: z.string().default(DEFAULT_ORGANISATION.phone),
  ORG_DPO_NAME: z.string().default(DEFAULT_ORGANISATION.dpoName),
  ORG_DPO_EMAIL: z.email().default(DEFAULT_ORGANISATION.dpoEmail),
  ORG_COMMISSIONING_PARTY: z.string().default(DEFAULT_ORGANISATION.commissioningParty),
  ORG_ROLE: z.enum(['controller', 'processor']).default('controller'),
  ORG_SECTOR: z.string().optional(),
  ORG_REGISTRATION_NUMBER: z.string().optional(),
  MINISTRY_NOTICE_TRIGGER: z.enum(['ap_notified', 'duty']).default('ap_notified'),
  MINISTRY_ACK_HOURS: z.coerce.number().positive().default(24),
  // Assessment engine (domain.md §10.8 items 3, 4, 7); defaults are NMI's.
  MINISTRY_CLOCK_ANCHOR: z.enum(['duty', 'discovery', 'awareness']).default('duty'),
  MINISTRY_CLOCK_HOURS: z.coerce.number().positive().default(24),
  CONTROLLER_NOTICE_HOURS: z.coerce.number().positive().default(24),
  FEW_RECIPIENTS: z.coerce.number().int().min(0).default(5),
  ORG_CLIENT_VULNERABILITY: z.enum(['yes', 'no']).default('yes'),
  ORG_CLIENT_RELATIONSHIP_SENSITIVE: bool.default(true),
  UNKNOWN_CATEGORIES_DPC: z.coerce.number().int().min(1).max(4).default(3),
  REMINDER_AP_HOURS: numberList('24,48,60,68', (n) => n > 0),
  REMINDER_MINISTRY_FRACTIONS: numberList('0.5,0.9', (n) => n > 0 && n < 1),
  REMINDER_OVERDUE_EVERY_HOURS: z.coerce.number().positive().default(24),
  REMINDER_FOLLOWUP_EVERY_DAYS: z.coerce.number().positive().default(7),
  REGISTER_RETENTION_YEARS: z.coerce.number().int().min(1).default(5),
  CONTACT_DATA_PURGE_DAYS: z.coerce.number().int().min(0).default(90),
  WORKER_ENABLED: bool.default(true),
  DEMO: bool.default(false),
  WORKER_POLL_MS: z.coerce.number().int().min(50).default(1000),
  NOTICE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  NOTICE_RATE_PER_SECOND: z.coerce.number().min(0).default(0),
  NOTICE_FAILURE_THRESHOLD: z.coerce.number().int().min(0).default(50),
  NOTICE_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  ATTACHMENT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  /** Demo mode: sample users and incidents, clearly marked as demo data in the UI. */
  readonly demo: boolean;
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  readonly trustProxy: string;
  readonly logLevel: Env['LOG_LEVEL'];
  /** JSON lines (production, log collectors) or readable lines for a developer's terminal (`npm run dev`). */
  readonly logFormat: Env['LOG_FORMAT'];
  readonly dataDir: string;
  readonly db: { readonly uri: string | undefined; readonly embeddedPort: number };
  readonly session: {
    readonly secret: string | undefined;
    readonly maxAgeMs: number;
    readonly secureCookies: boolean;
  };
  readonly login: { readonly maxFailures: number; readonly lockMs: number };
  /** Who may sign in how (issue 16): local accounts (with their second factor) and single sign-on. */
  readonly sso: {
    /** Local accounts (e-mail and password) can sign in; false leaves single sign-on only. */
    readonly localLogin: boolean;
    /** Local accounts with these roles must use a second factor (enrolment is forced at sign-in). */
    readonly mfaRequiredRoles: readonly Role[];
    /** OpenID Connect; undefined when not configured. */
    readonly oidc:
      | {
          readonly issuer: string;
          readonly clientId: string;
          readonly clientSecret: string | undefined;
          readonly redirectUrl: string;
          readonly postLogoutRedirectUrl: string;
          readonly scopes: string;
          readonly roleClaim: string;
          readonly roleMap: readonly RoleMapping[];
          /** How long a started sign-in may take before its return is refused. */
          readonly loginMaxMs: number;
          /** The provider's name on the sign-in button (default: "your organisation"). */
          readonly buttonLabel: string | undefined;
        }
      | undefined;
  };
  readonly mail: {
    readonly smtpUrl: string | undefined;
    readonly from: string;
    readonly deputyEmail: string | undefined;
    readonly escalationEmail: string | undefined;
    readonly ministryEmails: readonly string[];
  };
  readonly organisation: {
    readonly name: string;
    readonly address: string;
    readonly email: string;
    readonly phone: string;
    readonly dpoName: string;
    readonly dpoEmail: string;
    readonly commissioningParty: string;
    readonly role: 'controller' | 'processor';
    readonly sector: string | undefined;
    readonly registrationNumber: string | undefined;
  };
  readonly retention: { readonly registerYears: number; readonly contactDataPurgeDays: number };
  readonly worker: { readonly enabled: boolean; readonly pollMs: number };
  /** Reminder schedule (domain.md §10.5 defaults): AP hours after awareness, ministry window fractions, repeats. */
  readonly reminders: {
    readonly authorityHours: readonly number[];
    readonly ministryFractions: readonly number[];
    readonly overdueEveryHours: number;
    readonly followupEveryHours: number;
  };
  /** Mass sending of notices to affected persons (architecture.md §3 rule 10): defaults per run. */
  readonly notices: {
    readonly concurrency: number;
    readonly ratePerSecond: number;
    readonly failureThreshold: number;
    readonly leaseMs: number;
  };
  /** Ministry notices (domain.md §8.4): when one is due, and when an unacknowledged one is chased. */
  readonly ministry: { readonly noticeTrigger: 'ap_notified' | 'duty'; readonly ackHours: number };
  /** Assessment engine settings (domain.md §10.8): ministry clock, processor clock, profile. */
  readonly engine: {
    readonly ministryClockAnchor: 'duty' | 'discovery' | 'awareness';
    readonly ministryClockHours: number;
    readonly controllerHours: number;
    readonly fewRecipients: number;
    readonly clientVulnerability: 'yes' | 'no';
    readonly clientRelationshipSensitive: boolean;
    readonly unknownCategoriesDpc: number;
  };
  /** Evidence files (domain.md §10.2: stored encrypted). Without a key, dev/test derive one from the session secret. */
  readonly attachments: { readonly key: string | undefined; readonly maxBytes: number };
  /** The key sealing the audit trail (issue 11 item 10); without it, one is kept in DATA_DIR/.audit-key. */
  readonly audit: { readonly key: string | undefined };
}

/** Thrown when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; the result is frozen. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    // Evidence must stay readable when the session secret is rotated, so production has its own
    // attachment key; the audit key seals the trail and lives outside the database. All three must
    // be random and distinct; every problem is reported at once (issue 11 item 11).
    const problems = productionSecretProblems({
      SESSION_SECRET: e.SESSION_SECRET,
      ATTACHMENT_KEY: e.ATTACHMENT_KEY,
      AUDIT_KEY: e.AUDIT_KEY,
    });
    if (problems.length) throw new ConfigError(problems);
  }
  const sso = ssoSettings(e);
  const port = e.PORT;
  const config: Config = {
    env: e.NODE_ENV,
    demo: e.DEMO,
    port,
    host: e.HOST,
    baseUrl: (e.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    dataDir: resolve(e.DATA_DIR),
    db: { uri: e.MONGODB_URI, embeddedPort: e.EMBEDDED_DB_PORT },
    session: {
      secret: e.SESSION_SECRET,
      maxAgeMs: e.SESSION_MAX_AGE_HOURS * 3600_000,
      secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production',
    },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMs: e.LOGIN_LOCK_MINUTES * 60_000 },
    sso,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      deputyEmail: e.PRIVACY_OFFICER_DEPUTY_EMAIL,
      escalationEmail: e.ESCALATION_EMAIL,
      ministryEmails: e.MINISTRY_EMAILS ?? [],
    },
    organisation: {
      name: e.ORG_NAME,
      address: e.ORG_ADDRESS,
      email: e.ORG_EMAIL,
      phone: e.ORG_PHONE,
      dpoName: e.ORG_DPO_NAME,
      dpoEmail: e.ORG_DPO_EMAIL,
      commissioningParty: e.ORG_COMMISSIONING_PARTY,
      role: e.ORG_ROLE,
      sector: e.ORG_SECTOR,
      registrationNumber: e.ORG_REGISTRATION_NUMBER,
    },
    retention: { registerYears: e.REGISTER_RETENTION_YEARS, contactDataPurgeDays: e.CONTACT_DATA_PURGE_DAYS },
    worker: { enabled: e.WORKER_ENABLED, pollMs: e.WORKER_POLL_MS },
    reminders: {
      authorityHours: e.REMINDER_AP_HOURS,
      ministryFractions: e.REMINDER_MINISTRY_FRACTIONS,
      overdueEveryHours: e.REMINDER_OVERDUE_EVERY_HOURS,
      followupEveryHours: e.REMINDER_FOLLOWUP_EVERY_DAYS * 24,
    },
    notices: {
      concurrency: e.NOTICE_CONCURRENCY,
      ratePerSecond: e.NOTICE_RATE_PER_SECOND,
      failureThreshold: e.NOTICE_FAILURE_THRESHOLD,
      leaseMs: e.NOTICE_LEASE_SECONDS * 1000,
    },
    ministry: { noticeTrigger: e.MINISTRY_NOTICE_TRIGGER, ackHours: e.MINISTRY_ACK_HOURS },
    engine: {
      ministryClockAnchor: e.MINISTRY_CLOCK_ANCHOR,
      ministryClockHours: e.MINISTRY_CLOCK_HOURS,
      controllerHours: e.CONTROLLER_NOTICE_HOURS,
      fewRecipients: e.FEW_RECIPIENTS,
      clientVulnerability: e.ORG_CLIENT_VULNERABILITY,
      clientRelationshipSensitive: e.ORG_CLIENT_RELATIONSHIP_SENSITIVE,
      unknownCategoriesDpc: e.UNKNOWN_CATEGORIES_DPC,
    },
    attachments: { key: e.ATTACHMENT_KEY, maxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024) },
    audit: { key: e.AUDIT_KEY },
  };
  return deepFreeze(config);
}

// --- Single sign-on and second-factor settings (issue 16) ---

/** One entry of OIDC_ROLE_MAP: members of `group` get `role`. The first entry that matches wins. */
export interface RoleMapping {
  readonly group: string;
  readonly role: Role;
}

function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/**
 * Parses "group=role,group=role" (spaces around names are ignored; a group name may itself contain
 * "=" signs, the last one separates it from the role). Returns the problems instead of throwing.
 */
export function parseRoleMap(text: string): { map: RoleMapping[]; problems: string[] } {
  const map: RoleMapping[] = [];
  const problems: string[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const group = at > 0 ? part.slice(0, at).trim() : '';
    const role = at > 0 ? part.slice(at + 1).trim() : '';
    if (!group || !isRole(role)) {
      problems.push(`"${part}" is not group=role with a role among ${ROLES.join(', ')}`);
      continue;
    }
    map.push({ group, role });
  }
  return { map, problems };
}

/** Parses MFA_REQUIRED_ROLES: a comma-separated list of roles, or "none". */
export function parseRoleList(text: string): { roles: Role[]; problems: string[] } {
  if (text.trim() === 'none') return { roles: [], problems: [] };
  const roles: Role[] = [];
  const problems: string[] = [];
  for (const r of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (isRole(r)) roles.push(r);
    else problems.push(`"${r}" is not a role (${ROLES.join(', ')}) nor "none"`);
  }
  return { roles, problems };
}

/** The single sign-on settings; every problem at once (issue 16). */
function ssoSettings(e: Env): Config['sso'] {
  const problems: string[] = [];
  const required = parseRoleList(e.MFA_REQUIRED_ROLES);
  problems.push(...required.problems.map((p) => `MFA_REQUIRED_ROLES: ${p}`));
  if (e.NODE_ENV === 'production' && e.LOCAL_LOGIN)
    for (const role of ['privacy_officer', 'admin'] as const)
      if (!required.roles.includes(role))
        problems.push(`MFA_REQUIRED_ROLES: must include ${role} in production while LOCAL_LOGIN is on`);
  const anyOidc = e.OIDC_ISSUER || e.OIDC_CLIENT_ID || e.OIDC_ROLE_MAP;
  let oidc: Config['sso']['oidc'];
  if (anyOidc) {
    if (!e.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when single sign-on is configured');
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required when single sign-on is configured');
    const parsed = parseRoleMap(e.OIDC_ROLE_MAP ?? '');
    problems.push(...parsed.problems.map((p) => `OIDC_ROLE_MAP: ${p}`));
    if (!parsed.problems.length && !parsed.map.length)
      problems.push('OIDC_ROLE_MAP: at least one group=role is required (nobody could sign in otherwise)');
    if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES: must include openid');
    const base = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
    if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID)
      oidc = {
        issuer: e.OIDC_ISSUER,
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        redirectUrl: e.OIDC_REDIRECT_URL ?? `${base}/auth/oidc/callback`,
        postLogoutRedirectUrl: e.OIDC_POST_LOGOUT_REDIRECT_URL ?? `${base}/login`,
        scopes: e.OIDC_SCOPES,
        roleClaim: e.OIDC_ROLE_CLAIM,
        roleMap: parsed.map,
        loginMaxMs: e.OIDC_LOGIN_MINUTES * 60_000,
        buttonLabel: e.OIDC_BUTTON_LABEL,
      };
  }
  if (!e.LOCAL_LOGIN && !anyOidc)
    problems.push(
      'LOCAL_LOGIN: cannot be false unless single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_ROLE_MAP) is configured',
    );
  if (problems.length) throw new ConfigError(problems);
  return { localLogin: e.LOCAL_LOGIN, mfaRequiredRoles: required.roles, oidc };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
