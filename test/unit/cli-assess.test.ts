import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessCommand } from '../../server/cli/assess.command.js';
import { runCli } from '../../server/cli/cli-runner.js';
import type { CliCommand, CliIo } from '../../server/cli/cli.types.js';
import { COMMANDS } from '../../server/cli/commands.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An in-memory io: given stdin text and files, it records what the command writes. */
function fakeIo(stdin = '', files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readStdin: () => Promise.resolve(stdin),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) {
        return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
      }
      return Promise.resolve(text);
    },
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function cli(argv: string[], stdin = '', files: Record<string, string> = {}) {
  const fake = fakeIo(stdin, files);
  const code = await runCli(argv, fake.io, COMMANDS);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

const WORKED_EXAMPLE = JSON.stringify({
  breachTypes: ['confidentiality'],
  incidentCause: 'email_wrong_recipient',
  dataCategories: ['name_address', 'national_id', 'financial'],
  subjectsCountMax: 40,
  easeOfIdentification: 'maximum',
  confidentialityScope: 'known_recipients',
  malicious: 'no',
  awarenessAt: '2026-11-20T08:30:00Z',
  discoveredAt: '2026-11-20T07:00:00Z',
  someUnknownField: 'ignored',
});

describe('meldpunt assess (contracts.md §2–§3)', () => {
  it('when valid input arrives on stdin, then exit 0 and one JSON object with the contract keys', async () => {
    const { code, stdout, stderr } = await cli(['assess'], WORKED_EXAMPLE);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const output = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(output).slice(0, 5), [
      'enisa',
      'suggestedRisk',
      'duties',
      'rules',
      'deadlines',
    ]);
    assert.deepEqual(output.enisa, { dpc: 3, ei: 1, cb: 0.25, score: 3.25, band: 'high' });
    assert.equal(output.suggestedRisk, 'high');
    assert.deepEqual(output.deadlines, {
      authority: '2026-11-23T08:30:00.000Z',
      // §10.8 item 7: the ministry clock starts with the duty (no decision yet: awareness).
      ministry: '2026-11-21T08:30:00.000Z',
      subjects: '2026-11-23T08:30:00.000Z',
      controller: null,
    });
    const rules = output.rules as Array<Record<string, unknown>>;
    assert.ok(rules.some((r) => r.id === 'floor.national-id'));
    for (const rule of rules) assert.deepEqual(Object.keys(rule), ['id', 'effect', 'reason']);
  });

  it('when the second-pass fields are given, then they are read and the added output fields appear (domain.md §10.8)', async () => {
    const input = JSON.stringify({
      ...JSON.parse(WORKED_EXAMPLE),
      dataCategories: ['access_credentials', 'national_id'],
      protection: { access_credentials: 'hashed_salted_strong' },
      dpcAdjustments: { national_id: 1 },
      dpcAdjustmentReason: 'residence permits of refugees',
      recipientsCount: 1,
      awarenessAt: '2026-11-20T09:30:00+0100',
    });
    const { code, stdout, stderr } = await cli(['assess'], input);
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as {
      enisa: { dpc: number };
      deadlines: Record<string, unknown>;
      flags: { exposedCategories: string[]; assumptions: string[]; reasonsRequired: boolean };
      rules: Array<{ id: string }>;
    };
    assert.equal(output.enisa.dpc, 4);
    assert.deepEqual(output.flags.exposedCategories, ['national_id']);
    assert.ok(output.rules.some((r) => r.id === 'neutralise.partly'));
    assert.ok('controller' in output.deadlines);
    assert.equal(output.deadlines.authority, '2026-11-23T08:30:00.000Z');
    assert.ok(Array.isArray(output.flags.assumptions));
  });

  it('when awareness is before discovery, then exit 2 naming awarenessAt', async () => {
    const input = JSON.stringify({ ...JSON.parse(WORKED_EXAMPLE), awarenessAt: '2026-11-20T06:00:00Z' });
    const { code, stdout, stderr } = await cli(['assess'], input);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /awarenessAt: must not be before discoveredAt/);
  });

  it('when a FILE is given (or "-" for stdin), then it is read from there', async () => {
    const fromFile = await cli(['assess', 'incident.json'], '', { 'incident.json': WORKED_EXAMPLE });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const fromDash = await cli(['assess', '-'], WORKED_EXAMPLE);
    assert.equal(fromDash.code, 0, fromDash.stderr);
    assert.equal(fromFile.stdout, fromDash.stdout);
  });

  it('when enumeration values are unknown and types wrong, then exit 2 naming every bad field on stderr', async () => {
    const bad = JSON.stringify({
      dataCategories: ['name_address', 'bsn'],
      malicious: 'maybe',
      subjectsCountMax: 'forty',
      confidentialityScope: 42,
    });
    const { code, stdout, stderr } = await cli(['assess'], bad);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    for (const field of ['dataCategories[1]', 'malicious', 'subjectsCountMax', 'confidentialityScope']) {
      assert.match(stderr, new RegExp(`^\\s+${field.replace(/[[\]]/g, '\\$&')}: `, 'm'), field);
    }
    assert.match(stderr, /4 problem/);
  });

  it('when the input is not valid JSON, then exit 2 with a message and nothing on stdout', async () => {
    for (const text of ['{"malicious": "yes"', '', 'not json']) {
      const { code, stdout, stderr } = await cli(['assess'], text);
      assert.equal(code, 2, text);
      assert.equal(stdout, '');
      assert.match(stderr, /not valid JSON/);
    }
  });

  it('when the JSON is not an object, then exit 2', async () => {
    const { code, stderr } = await cli(['assess'], '[1, 2]');
    assert.equal(code, 2);
    assert.match(stderr, /\(input\)/);
  });

  it('when the FILE does not exist, then exit 2 naming it', async () => {
    const { code, stderr } = await cli(['assess', 'missing.json']);
    assert.equal(code, 2);
    assert.match(stderr, /missing\.json/);
  });

  it('when no FILE is given and stdin is a terminal, then exit 2 with the usage instead of waiting', async () => {
    const fake = fakeIo(WORKED_EXAMPLE);
    const io: CliIo = { ...fake.io, isStdinTty: () => true };
    assert.equal(await runCli(['assess'], io, COMMANDS), 2);
    assert.match(fake.stderr(), /give a FILE or pipe the JSON/);
    assert.equal(fake.stdout(), '');
  });

  it('when an unknown option or two files are given, then exit 2 with the usage', async () => {
    const option = await cli(['assess', '--verbose'], WORKED_EXAMPLE);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option "--verbose"/);
    const two = await cli(['assess', 'a.json', 'b.json']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /at most one FILE/);
  });

  it('when --help or -h is asked for assess, then exit 0 with its usage on stdout', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await cli(['assess', flag]);
      assert.equal(code, 0);
      assert.equal(stderr, '');
      assert.match(stdout, /^Usage: meldpunt assess \[FILE\]/);
    }
  });
});

describe('meldpunt command dispatcher (contracts.md §2)', () => {
  it('when --help, -h or help is given, then exit 0 with every registered command listed', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { code, stdout } = await cli([flag]);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage: meldpunt <command>/);
      for (const command of COMMANDS) {
        const listed = stdout
          .split('\n')
          .some((l) => l.trim().startsWith(`${command.name} `) && l.endsWith(command.summary));
        assert.ok(listed, command.name);
      }
    }
  });

  it('when the command is unknown, then exit 2 with the list of commands on stderr', async () => {
    const { code, stdout, stderr } = await cli(['asses']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /unknown command "asses"/);
    assert.match(stderr, /^ {2}assess /m);
  });

  it('when no command is given, then exit 2 with the help on stderr', async () => {
    const { code, stderr } = await cli([]);
    assert.equal(code, 2);
    assert.match(stderr, /Commands:/);
  });

  it('when a command is added to a registry, then it is dispatched with its arguments and its help works', async () => {
    const seen: string[][] = [];
    const echo: CliCommand = {
      name: 'test:echo',
      summary: 'Echo the arguments',
      usage: 'Usage: meldpunt test:echo [ARGS]',
      run: (argv, io) => {
        seen.push([...argv]);
        io.stdout(argv.join(' '));
        return Promise.resolve(0);
      },
    };
    const fake = fakeIo();
    assert.equal(await runCli(['test:echo', 'a', '--', '-h'], fake.io, [assessCommand, echo]), 0);
    assert.deepEqual(seen, [['a', '--', '-h']]); // -h after "--" is an argument, not a help request
    const help = fakeIo();
    assert.equal(await runCli(['test:echo', '--help'], help.io, [assessCommand, echo]), 0);
    assert.equal(help.stdout(), 'Usage: meldpunt test:echo [ARGS]\n');
    assert.equal(seen.length, 1);
  });

  it('when a command throws, then exit 1 with its message on stderr', async () => {
    const broken: CliCommand = {
      name: 'test:broken',
      summary: 'Always fails',
      usage: 'Usage: meldpunt test:broken',
      run: () => Promise.reject(new Error('database unreachable')),
    };
    const fake = fakeIo();
    assert.equal(await runCli(['test:broken'], fake.io, [broken]), 1);
    assert.match(fake.stderr(), /test:broken: database unreachable/);
  });
});

describe('bin/meldpunt.js (real process)', function () {
  this.timeout(30000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meldpunt-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when the real bin runs assess on stdin and on a file, then it exits 0 and prints the assessment JSON', () => {
    const viaStdin = spawnSync(process.execPath, ['bin/meldpunt.js', 'assess'], {
      cwd: ROOT,
      input: WORKED_EXAMPLE,
      encoding: 'utf8',
    });
    assert.equal(viaStdin.status, 0, viaStdin.stderr);
    const output = JSON.parse(viaStdin.stdout) as { enisa: { score: number }; suggestedRisk: string };
    assert.equal(output.enisa.score, 3.25);
    assert.equal(output.suggestedRisk, 'high');

    const file = join(dir, 'incident.json');
    writeFileSync(file, WORKED_EXAMPLE);
    const viaFile = spawnSync(process.execPath, ['bin/meldpunt.js', 'assess', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(viaFile.status, 0, viaFile.stderr);
    assert.equal(viaFile.stdout, viaStdin.stdout);
  });

  it('when the real bin gets a bad field, then it exits 2 naming the field', () => {
    const result = spawnSync(process.execPath, ['bin/meldpunt.js', 'assess'], {
      cwd: ROOT,
      input: '{"malicious":"perhaps"}',
      encoding: 'utf8',
    });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /malicious/);
  });
});
