// A real OpenID provider for the tests (issue 16 item 4): oidc-provider on a loopback port, with one
// static client (Meldpunt) and a few accounts whose `groups` claim the app maps to roles. Its
// development login form accepts any password for a known account name; consent is granted
// automatically for the one client, as an organisation's own provider does for its own apps.
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import request from 'supertest';
import type { Agent } from './http.js';

export interface TestAccount {
  sub: string;
  email: string;
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** The app's environment for this provider. */
  env(redirectBase: string, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export const CLIENT_ID = 'meldpunt-test';
export const CLIENT_SECRET = 'a-client-secret-for-the-loopback-provider-only';
/** The map the tests configure: two organisation groups per role the app knows. */
export const ROLE_MAP =
  'nmi-privacy=privacy_officer,nmi-admins=admin,nmi-staff=reporter,bz-liaison=ministry_liaison';

/** Starts the provider; `redirectBases` are the app origins allowed to receive the answer. */
export async function startOidcProvider(
  redirectBases: string[],
  accounts: TestAccount[],
): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const byId = new Map(accounts.map((a) => [a.sub, a]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectBases.map((b) => `${b}/auth/oidc/callback`),
        post_logout_redirect_uris: redirectBases.map((b) => `${b}/login`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['loopback-provider-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // Claims of the requested scopes go into the ID token too, as Entra ID and Keycloak do for groups.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { IdToken: 3600, AccessToken: 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 600 },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const a = byId.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: a.sub, email: a.email, email_verified: true, name: a.name, groups: a.groups }),
      };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accounts: byId,
    env: (redirectBase, extra = {}) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: `${redirectBase}/auth/oidc/callback`,
      OIDC_POST_LOGOUT_REDIRECT_URL: `${redirectBase}/login`,
      OIDC_SCOPES: 'openid email profile groups',
      OIDC_ROLE_MAP: ROLE_MAP,
      OIDC_BUTTON_LABEL: 'NMI',
      ...extra,
    }),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The path and query of an absolute URL (what a Supertest agent on the app requests). */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * Goes through the provider with HTTP requests as a browser would: from the app's redirect to the
 * provider, its login form (as `login`), back to the app's callback URL. Returns that URL; the
 * `op` agent keeps the provider's cookies (its own session), as a browser does.
 */
export async function signInAtProvider(
  startLocation: string,
  login: string,
  op: Agent = request.agent(new URL(startLocation).origin),
): Promise<string> {
  let res = await op.get(pathOf(startLocation));
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.location;
    if (res.status === 200 && /name="login"/.test(res.text)) {
      const action = /action="([^"]+)"/.exec(res.text)?.[1];
      assert.ok(action, 'the provider shows its login form');
      res = await op
        .post(pathOf(new URL(action, startLocation).href))
        .type('form')
        .send({ prompt: 'login', login, password: 'any' });
      continue;
    }
    assert.ok(
      location && res.status >= 300 && res.status < 400,
      `provider answered ${res.status}: ${res.text.slice(0, 300)}`,
    );
    const next = new URL(location, startLocation);
    if (!next.href.startsWith(new URL(startLocation).origin)) return next.href;
    res = await op.get(pathOf(next.href));
  }
  assert.fail('the provider did not send the browser back');
}
