// The Express app, built by a factory with no side effects (architecture.md §3 rule 1). Only
// main.ts connects, listens and starts timers; tests hand this app to Supertest.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { engine } from 'express-handlebars';
import helmet from 'helmet';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import mongoose from 'mongoose';
import { doubleCsrf } from 'csrf-csrf';
import { pinoHttp } from 'pino-http';
import { join } from 'node:path';
import type { AppDeps } from './deps.js';
import { VIEWS_DIR, PUBLIC_DIR } from './paths.js';
import { viewHelpers } from './view-helpers.js';
import { sessionStore } from './db/session-store.js';
import { pickLanguage, translate, type PublicLang } from './i18n/i18n.js';
import { PUBLIC_REPORT_PATH } from './intake/intake.routes.js';

import { navigationFor, navigationGroups } from './navigation.js';
import { loadSessionUser } from './users/users.service.js';
import { errorHandler } from './middleware/error-handler.js';
import { notFound } from './middleware/not-found.js';
import { UnavailableError } from './errors.js';
import { healthRoutes } from './health/health.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { accountRoutes } from './users/account.routes.js';
import { canonicalSecretPaths, redactUrl } from './middleware/secret-paths.js';
import { mailboxRoutes, undeliverableBanner } from './mailbox/mailbox.routes.js';
import { featureRoutes } from './features.js';
import { ssoRoutes } from './auth/sso.routes.js';
import { secondFactorRoutes } from './auth/second-factor.routes.js';
import { boundBySignIn } from './auth/sign-in-session.js';
import { providerOrigin } from './auth/oidc.service.js';
import './http-types.js';

/** The public report pages (issue 15), the only pages with languages beyond nl and en. */
const PUBLIC_PAGES = new RegExp(`^${PUBLIC_REPORT_PATH}(/|$)`);

/** Secrets the app needs at run time (main.ts resolves them; tests pass fixed ones). */
export interface AppSecrets {
  sessionSecret: string;
}

export { redactUrl } from './middleware/secret-paths.js';

// The routes that receive multipart uploads and check the CSRF token themselves.
const UPLOAD_PATHS =
  /^\/incidents\/[^/]+\/(attachments|notices\/import)$|^\/reports$|^\/melden$|^\/melden\/status\/bestand$/;

/** Builds the app. */
export function createApp(deps: AppDeps, secrets: AppSecrets): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy === 'false' ? false : config.trustProxy);
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: join(VIEWS_DIR, 'layouts'),
      partialsDir: join(VIEWS_DIR, 'partials'),
      helpers: viewHelpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
  if (config.env === 'production') app.enable('view cache');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          // Signing out at the identity provider redirects the sign-out form there (issue 16).
          formAction: ["'self'", ...(config.sso.oidc ? [providerOrigin(config.sso.oidc)] : [])],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          ...(config.session.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.session.secureCookies,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/static/') },
      // Secret tokens in URLs (calendar feeds, setup links) never reach the logs.
      serializers: {
        req: (req: { method?: string; url?: string; id?: unknown }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url ?? ''),
        }),
      },
    }),
  );
  app.use(canonicalSecretPaths());
  app.use(
    '/static',
    express.static(PUBLIC_DIR, { maxAge: config.env === 'production' ? '1d' : 0, index: false }),
  );
  app.use((req, _res, next) => {
    req.lang = 'nl';
    next();
  });
  app.use(healthRoutes());

  // While the database is down, pages answer 503 at once instead of hanging.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected)
      return next(new UnavailableError());
    next();
  });

  app.use(cookieParser());
  // cookie-parser turns a value written as `j:{…}` into an object; every cookie this app sets is a
  // string, and the session and CSRF libraries fail on anything else (500 on every page for a
  // forged cookie, issue 11 item 2). Such a cookie is dropped: the request goes on without it.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const jar = req.cookies as Record<string, unknown> | undefined;
    if (jar) for (const name of Object.keys(jar)) if (typeof jar[name] !== 'string') delete jar[name];
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.use(express.json({ limit: '200kb' }));
  // Express 5 leaves req.body undefined when no parser took the body (multipart, text, none):
  // handlers always see an object (issue 11 item 2).
  app.use((req: Request, _res: Response, next: NextFunction) => {
    req.body ??= {};
    next();
  });
  app.use(
    session({
      name: config.session.secureCookies ? '__Host-mp.sid' : 'mp.sid',
      secret: secrets.sessionSecret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.session.secureCookies,
        maxAge: config.session.maxAgeMs,
        path: '/',
      },
      store: sessionStore(config.session.maxAgeMs),
    }),
  );

  // express-session sends the response head before its own save finishes, so a browser can follow
  // a redirect before the new session (sign-in, flash message) is stored. Save first, then redirect.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = (...args: unknown[]) => {
      req.session.save((err: unknown) => (err ? next(err) : redirect(...args)));
    };
    next();
  });

  const { generateCsrfToken, doubleCsrfProtection, validateRequest } = doubleCsrf({
    getSecret: () => secrets.sessionSecret,
    getSessionIdentifier: (req) => req.session.id,
    cookieName: config.session.secureCookies ? '__Host-mp.csrf' : 'mp.csrf',
    cookieOptions: { sameSite: 'strict', secure: config.session.secureCookies, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined;
      return fromBody ?? req.headers['x-csrf-token'];
    },
    // Multipart uploads are checked by their handler once the fields are parsed (see validateCsrf).
    // Only the upload routes do that: a multipart body sent anywhere else is checked here like any
    // form (and, carrying no parsed token, refused) — otherwise it would skip the check entirely.
    skipCsrfProtection: (req) =>
      req.is('multipart/form-data') === 'multipart/form-data' && UPLOAD_PATHS.test(req.path),
  });
  app.locals.validateCsrf = validateRequest;
  // A page rendered right after the session id changed (a finished second step) needs a new token.
  app.locals.generateCsrf = generateCsrfToken;

  // A session signed in through the identity provider ends when its ID token does (issue 16).
  app.use(boundBySignIn(deps));
  // Who is signed in, which language, and what every page needs.
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const user = await loadSessionUser(req.session.userId);
    if (req.session.userId && !user) delete req.session.userId;
    if (user) req.user = user;
    req.lang = pickLanguage(req.session.lang, user?.language);
    // The public report pages may speak one of their own languages (issue 15); the rest nl or en.
    const pageLang: PublicLang =
      req.session.publicLang && PUBLIC_PAGES.test(req.path) ? req.session.publicLang : req.lang;
    const flashes = req.session.flash ?? [];
    if (flashes.length) req.session.flash = [];
    Object.assign(res.locals, {
      lang: pageLang,
      otherLang: req.lang === 'nl' ? 'en' : 'nl',
      user,
      currentPath: req.originalUrl,
      nav: user ? navigationFor(user.role, req.path) : [],
      navGroups: user ? navigationGroups(user.role, req.path) : null,
      isRole: Object.fromEntries(
        ['reporter', 'privacy_officer', 'ministry_liaison', 'admin', 'management'].map((r) => [
          r,
          user?.role === r,
        ]),
      ),
      flashes: flashes.map((f) => ({ type: f.type, text: translate(pageLang, f.key, f.vars) })),
      demo: config.demo,
      mailboxEnabled: !config.mail.smtpUrl,
    });
    next();
  });
  app.use(doubleCsrfProtection);
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Feeds read by calendar programs need no session and no token.
    if (req.path.startsWith('/calendar/')) return next();
    // The session must persist for the CSRF token to stay valid between page and post; the token
    // is also set after a POST, so a form re-rendered with errors can be sent again.
    if (req.method === 'GET' || req.method === 'HEAD') req.session.startedAt ??= Date.now();
    res.locals.csrfToken = generateCsrfToken(req, res, { overwrite: false });
    next();
  });

  app.use(undeliverableBanner());
  app.use(authRoutes(deps));
  app.use(ssoRoutes(deps));
  app.use(secondFactorRoutes(deps));
  app.use(homeRoutes(deps));
  app.use(accountRoutes(deps));
  app.use(usersRoutes(deps));
  app.use(mailboxRoutes(deps));
  for (const routes of featureRoutes) app.use(routes(deps));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
