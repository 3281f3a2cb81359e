// Single sign-on with OpenID Connect (issue 16 items 1 and 2): the authorisation code flow with
// PKCE, state and nonce through openid-client; users created or updated at sign-in from the ID
// token's claims (just in time), their role from their groups; sign-out at the provider.
import type * as OpenId from 'openid-client';
import type { Types } from 'mongoose';
import { SsoIdentity } from '../../models/sso-identity.model.js';
import { User, type Role } from '../../models/user.model.js';
import { recordAudit, type AuditOrigin } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { SessionUser } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { groupsFromClaim, roleForGroups } from './sso-config.js';
import type { OidcLoginState } from './auth-session.js';

export type OidcSettings = NonNullable<Config['sso']['oidc']>;

/** Why a sign-in through the provider was refused (each has its own page text). */
export type SsoRefusal =
  'no-role' | 'inactive' | 'no-email' | 'email-taken' | 'expired' | 'no-login' | 'provider' | 'invalid';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// One discovered configuration per provider and client, fetched at the first sign-in; a failed
// discovery is forgotten so the next sign-in tries again.
const discovered = new Map<string, Promise<OpenId.Configuration>>();

// The OpenID client (with its JOSE library) is loaded at the first single sign-on, not at start: an
// installation without it, or an idle process, does not carry it (issue 10, item 5).
let library: Promise<typeof OpenId> | undefined;
const openId = (): Promise<typeof OpenId> => (library ??= import('openid-client'));

/** The provider's configuration (discovery document, keys on demand). */
export function providerConfig(s: OidcSettings): Promise<OpenId.Configuration> {
  const key = `${s.issuer} ${s.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const url = new URL(s.issuer);
    // Plain HTTP only for a provider on this machine (a test or development provider).
    const insecure = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
    found = openId().then((client) =>
      client.discovery(
        url,
        s.clientId,
        undefined,
        s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None(),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      ),
    );
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** Starts a sign-in: the provider's URL to send the browser to, and what the session keeps. */
export async function startOidcLogin(
  s: OidcSettings,
  next: string,
  now: Date,
): Promise<{ url: string; state: OidcLoginState }> {
  const [config, client] = await Promise.all([providerConfig(s), openId()]);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state: OidcLoginState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    at: now.getTime(),
    next,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUrl,
    scope: s.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: state.state,
    nonce: state.nonce,
  });
  return { url: url.href, state };
}

/** What a finished code exchange yields. */
export interface OidcResult {
  claims: Record<string, unknown>;
  idToken: string;
  /** When the ID token expires (ms). */
  expiresAt: number;
}

/** Exchanges the code (checking state, nonce, PKCE, issuer and the ID token's signature). */
export async function finishOidcLogin(
  s: OidcSettings,
  query: string,
  login: OidcLoginState,
): Promise<OidcResult> {
  const [config, client] = await Promise.all([providerConfig(s), openId()]);
  const current = new URL(s.redirectUrl);
  current.search = query;
  const tokens = await client.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims || !tokens.id_token) throw new Error('no ID token');
  let claims: Record<string, unknown> = { ...idClaims };
  // Some providers put the e-mail address or the groups in the user info only.
  const needInfo = !(s.roleClaim in claims) || typeof claims.email !== 'string';
  if (needInfo && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...info, ...claims };
    for (const k of [s.roleClaim, 'email', 'name'])
      if (!(k in idClaims) && k in info) claims[k] = (info as Record<string, unknown>)[k];
  }
  return { claims, idToken: tokens.id_token, expiresAt: idClaims.exp * 1000 };
}

/** The provider's sign-out URL for this session, or null when it offers none (issue 16 item 2). */
export async function endSessionUrl(s: OidcSettings, idToken: string | undefined): Promise<string | null> {
  const [config, client] = await Promise.all([providerConfig(s), openId()]);
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = {
    post_logout_redirect_uri: s.postLogoutRedirectUrl,
    client_id: s.clientId,
  };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params).href;
}

/** The origin of the provider (allowed as a form target: sign-out redirects there). */
export function providerOrigin(s: OidcSettings): string {
  return new URL(s.issuer).origin;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function emailOf(claims: Record<string, unknown>): string | undefined {
  const candidates = [text(claims.email), text(claims.preferred_username), text(claims.upn)];
  const found = candidates.find((c) => c && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c) && c.length <= 254);
  return found?.toLowerCase();
}

function nameOf(claims: Record<string, unknown>, email: string): string {
  const joined = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (text(claims.name) ?? (joined || undefined) ?? email).slice(0, 200);
}

/** The fields of a user this file reads. */
interface KnownUser {
  _id: Types.ObjectId;
  email: string;
  name: string;
  role: Role;
  language: string;
  active: boolean;
}

/**
 * Finds or creates the user for the provider's claims and brings their name, address and role up
 * to date; refuses deactivated users and users whose groups map to no role. Audits the outcome.
 */
export async function signInFromClaims(
  s: OidcSettings,
  claims: Record<string, unknown>,
  origin: AuditOrigin,
  now: Date,
): Promise<{ ok: true; user: SessionUser } | { ok: false; reason: SsoRefusal }> {
  const issuer = text(claims.iss) ?? s.issuer;
  const subject = text(claims.sub) ?? '';
  const identityKey = `${issuer} ${subject}`;
  const groups = groupsFromClaim(claims[s.roleClaim]);
  const role = roleForGroups(s.roleMap, groups);
  const email = emailOf(claims);
  const refuse = async (reason: SsoRefusal, user?: { id: string; email: string }) => {
    await recordAudit(
      {
        actor: { kind: 'anonymous' },
        origin,
        action: 'auth.login',
        object: user ? { type: 'user', id: user.id, ref: user.email } : { type: 'session' },
        result: 'denied',
        details: { method: 'oidc', reason, ...(reason === 'no-role' ? { groups: groups.slice(0, 50) } : {}) },
      },
      now,
    );
    return { ok: false as const, reason };
  };

  const identity = await SsoIdentity.findById(identityKey).lean();
  let user: KnownUser | null = identity ? await User.findById(identity.userId).lean() : null;
  if (!user) {
    if (!email) return refuse('no-email');
    user = await User.findOne({ email }).lean();
    if (user) {
      // An account with this address already answers to another identity at the provider.
      const other = await SsoIdentity.findOne({ userId: String(user._id), _id: { $ne: identityKey } }).lean();
      if (other) return refuse('email-taken', { id: String(user._id), email: user.email });
    }
  }
  if (user && !user.active) return refuse('inactive', { id: String(user._id), email: user.email });
  if (!role) return refuse('no-role', user ? { id: String(user._id), email: user.email } : undefined);

  const name = nameOf(claims, email ?? user?.email ?? '');
  if (!user) {
    try {
      const created = await User.create({
        email,
        name,
        role,
        language: 'nl',
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      user = {
        _id: created._id,
        email: created.email,
        name: created.name,
        role: created.role,
        language: created.language,
        active: created.active,
      };
    } catch (err) {
      if (isDuplicateKeyError(err)) return refuse('email-taken');
      throw err;
    }
    await recordAudit(
      {
        actor: { kind: 'system', label: 'single sign-on' },
        origin,
        action: 'user.create',
        object: { type: 'user', id: String(user._id), ref: user.email },
        details: { role, via: 'oidc' },
      },
      now,
    );
  } else {
    const change: { role?: Role; name?: string; email?: string } = {};
    if (user.role !== role) change.role = role;
    if (user.name !== name) change.name = name;
    if (email && user.email !== email && !(await User.exists({ email, _id: { $ne: user._id } })))
      change.email = email;
    if (Object.keys(change).length) {
      await User.updateOne({ _id: user._id }, { $set: { ...change, updatedAt: now } });
      await recordAudit(
        {
          actor: { kind: 'system', label: 'single sign-on' },
          origin,
          action: 'user.sso-sync',
          object: { type: 'user', id: String(user._id), ref: change.email ?? user.email },
          details: {
            from: { role: user.role, name: user.name, email: user.email },
            to: change,
            groups: groups.slice(0, 50),
          },
        },
        now,
      );
      user = { ...user, ...change };
    }
  }
  const userId = String(user._id);
  await SsoIdentity.updateOne(
    { _id: identityKey },
    { $set: { userId, lastSignInAt: now }, $setOnInsert: { createdAt: now } },
    { upsert: true },
  );
  const sessionUser: SessionUser = {
    id: userId,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language === 'en' ? 'en' : 'nl',
  };
  await recordAudit(
    {
      actor: { kind: 'user', id: userId, label: user.email, role: user.role },
      origin,
      action: 'auth.login',
      object: { type: 'session' },
      details: { method: 'oidc' },
    },
    now,
  );
  return { ok: true, user: sessionUser };
}
