// Each feature keeps its UI texts beside its code as `{ nl, en }` with the same keys; list them here.
// (The catalogues define themselves with define-messages.ts, which imports nothing: no cycle.)
import type { FeatureMessages } from './define-messages.js';
import { dutiesMessages } from '../duties/duties.messages.js';
import { deadlinesMessages } from '../deadlines/deadlines.messages.js';
import { assessmentsMessages } from '../assessments/assessments.messages.js';
import { incidentsMessages } from '../incidents/incidents.messages.js';
import { attachmentsMessages } from '../attachments/attachments.messages.js';
import { authorityMessages } from '../authority/authority.messages.js';
import { dossierMessages } from '../authority/dossier.messages.js';
import { ministryMessages } from '../ministry/ministry.messages.js';
import { registerMessages } from '../register/register.messages.js';
import { auditMessages } from '../audit/audit.messages.js';
import { noticesMessages } from '../notices/notices.messages.js';
import { retentionMessages } from '../retention/retention.messages.js';
import { privacyMessages } from '../privacy/privacy.messages.js';
import { factsMessages } from '../facts/facts.messages.js';
import { auditActionMessages } from '../audit/audit-actions.messages.js';
import { ssoMessages } from '../auth/sso.messages.js';
import { settingsMessages } from '../settings/settings.messages.js';
import { intakeMessages } from '../intake/intake.messages.js';
import { intakeMessagesTr } from '../intake/intake.messages.tr.js';
import { intakeMessagesAr } from '../intake/intake.messages.ar.js';
import { insightsMessages } from '../insights/insights.messages.js';

export const FEATURE_MESSAGES: FeatureMessages[] = [
  dutiesMessages,
  deadlinesMessages,
  incidentsMessages,
  attachmentsMessages,
  assessmentsMessages,
  authorityMessages,
  dossierMessages,
  ministryMessages,
  registerMessages,
  auditMessages,
  auditActionMessages,
  noticesMessages,
  privacyMessages,
  retentionMessages,
  factsMessages,
  settingsMessages,
  ssoMessages,
  intakeMessages,
  insightsMessages,
];

/** The public report pages' own languages (issue 15): their texts only; the rest falls back to English. */
export const PUBLIC_PAGE_MESSAGES: Record<'tr' | 'ar', Record<string, string>> = {
  tr: intakeMessagesTr,
  ar: intakeMessagesAr,
};
