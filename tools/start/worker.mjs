// `npm run worker`: the separate notice/mail worker process, compiled to JavaScript (see compiled.mjs).
import { runCompiled } from './compiled.mjs';

await runCompiled({ entry: 'notifications/worker-main', project: 'tsconfig.build.json' });
