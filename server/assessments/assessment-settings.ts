// The engine configuration the app runs with: the defaults of domain.md §10.4–§10.5 and §10.8 (the
// same ones `meldpunt assess` uses) with the organisation's role, the ministry and processor clocks
// and the organisation profile from the app configuration.
import type { Config } from '../config.js';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from './assessment-config.js';

/** The assessment configuration for the app's configuration. */
export function assessmentConfigFor(
  config: Pick<Config, 'organisation'> & { readonly engine?: Config['engine'] },
): AssessmentConfig {
  const e = config.engine;
  if (!e) {
    if (config.organisation.role === DEFAULT_ASSESSMENT_CONFIG.organisationRole)
      return DEFAULT_ASSESSMENT_CONFIG;
    return Object.freeze({ ...DEFAULT_ASSESSMENT_CONFIG, organisationRole: config.organisation.role });
  }
  return Object.freeze({
    ...DEFAULT_ASSESSMENT_CONFIG,
    organisationRole: config.organisation.role,
    ministry: Object.freeze({
      ...DEFAULT_ASSESSMENT_CONFIG.ministry,
      anchor: e.ministryClockAnchor,
      hours: e.ministryClockHours,
    }),
    controllerHours: e.controllerHours,
    fewRecipients: e.fewRecipients,
    profile: Object.freeze({
      clientVulnerability: e.clientVulnerability,
      clientRelationshipSensitive: e.clientRelationshipSensitive,
      unknownCategoriesDpc: e.unknownCategoriesDpc,
    }),
  });
}
