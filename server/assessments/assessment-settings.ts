// The engine configuration the app runs with: the defaults of domain.md §10.4–§10.5 (the same ones
// `meldpunt assess` uses) plus the organisation's role from the app configuration.
import type { Config } from '../config.js';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from './assessment-config.js';

/** The assessment configuration for the app's configuration. */
export function assessmentConfigFor(config: Pick<Config, 'organisation'>): AssessmentConfig {
  if (config.organisation.role === DEFAULT_ASSESSMENT_CONFIG.organisationRole) return DEFAULT_ASSESSMENT_CONFIG;
  return Object.freeze({ ...DEFAULT_ASSESSMENT_CONFIG, organisationRole: config.organisation.role });
}
