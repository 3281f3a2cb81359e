// `npm start` and `npm run demo`: the app compiled to JavaScript (see compiled.mjs).
import { runCompiled } from './compiled.mjs';

await runCompiled({ entry: 'server/main', project: 'tsconfig.build.json' });
// main.ts keeps the process alive.
