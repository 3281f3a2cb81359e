#!/usr/bin/env node
// Entry point of `npx meldpunt`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
