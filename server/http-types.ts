// Request and session fields Meldpunt adds.
import 'express-session';
import type { SessionUser } from './context.js';
import type { Lang, PublicLang } from './i18n/i18n.js';

/** A one-time message shown on the next page. */
export interface Flash {
  type: 'success' | 'error' | 'info';
  key: string;
  vars?: Record<string, string | number>;
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    lang?: Lang;
    flash?: Flash[];
    startedAt?: number;
    /** The external reporter signed in with a receipt code (issue 15); never together with an account. */
    externalReporterId?: string;
    /** A language only the public report pages speak (issue 15), chosen there; the rest of the app keeps `lang`. */
    publicLang?: PublicLang;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      lang: Lang;
    }
  }
}

export {};
