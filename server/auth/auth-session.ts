// Session fields of single sign-on and the second factor (issue 16).
import 'express-session';

/** A sign-in whose password was right but whose second factor is still due. */
export interface PendingLogin {
  userId: string;
  /** When the password was accepted (ms); the second step must follow within PENDING_LOGIN_MS. */
  at: number;
  /** verify: enter a code; enrol: set up an authenticator first (required for the role). */
  stage: 'verify' | 'enrol';
  next: string;
  /** Wrong codes so far; after MAX_CODE_FAILURES the password must be entered again. */
  failures: number;
}

/** A started OpenID Connect sign-in, waiting for the provider to send the user back. */
export interface OidcLoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  at: number;
  next: string;
}

declare module 'express-session' {
  interface SessionData {
    pendingLogin?: PendingLogin;
    /** The TOTP secret being set up (base32), until the first code confirms it. */
    enrolSecret?: string;
    oidcLogin?: OidcLoginState;
    /** How this session signed in. */
    authMethod?: 'password' | 'oidc';
    /** The ID token (for the provider's sign-out) and when it expires (ms): the session ends then. */
    idToken?: string;
    authExpiresAt?: number;
  }
}

/** How long the second step of a sign-in may take. */
export const PENDING_LOGIN_MS = 5 * 60_000;
/** Wrong codes allowed per password entry. */
export const MAX_CODE_FAILURES = 5;

export {};
