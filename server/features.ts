// Feature routers mounted by createApp, in order. Each feature adds one line here.
import type { Router } from 'express';
import type { AppDeps } from './deps.js';
import { deadlinesRoutes } from './deadlines/deadlines.routes.js';
import { assessmentsRoutes } from './assessments/assessments.routes.js';
import { factsRoutes } from './facts/facts.routes.js';
import { incidentsRoutes } from './incidents/incidents.routes.js';
import { attachmentsRoutes } from './attachments/attachments.routes.js';
import { authorityRoutes } from './authority/authority.routes.js';
import { ministryRoutes } from './ministry/ministry.routes.js';
import { registerRoutes } from './register/register.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import { noticesRoutes } from './notices/notices.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { insightsRoutes } from './insights/insights.routes.js';

export const featureRoutes: ((deps: AppDeps) => Router)[] = [
  deadlinesRoutes,
  incidentsRoutes,
  attachmentsRoutes,
  assessmentsRoutes,
  factsRoutes,
  authorityRoutes,
  ministryRoutes,
  registerRoutes,
  auditRoutes,
  noticesRoutes,
  retentionRoutes,
  settingsRoutes,
  intakeRoutes,
  insightsRoutes,
];
