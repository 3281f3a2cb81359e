// `npm run bench`: benchmarks run compiled to JavaScript, as the app runs in production, so that
// memory and speed figures are those of `npm start` and not of a TypeScript loader (see compiled.mjs).
import { runCompiled } from './compiled.mjs';

await runCompiled({ entry: 'bench/run', project: 'tsconfig.bench.json', extraSources: ['bench'] });
