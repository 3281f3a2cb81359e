// Mocha settings. `npm test` runs every suite; `npx mocha test/path/file.test.ts` (or with
// `--spec`) runs only the files named, instead of adding them to the whole list.
const ALL = [
  'test/unit/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/http/**/*.test.ts',
  'test/e2e/**/*.test.ts',
];
const named = process.argv.slice(2).some((a) => /\.test\.ts$/.test(a) || /^test\//.test(a));

module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: named ? [] : ALL,
  require: ['test/helpers/root-hooks.ts'],
  timeout: 20000,
  reporter: 'spec',
};
