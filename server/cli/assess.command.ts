// `meldpunt assess [FILE]`: runs the assessment engine on one JSON object from FILE or stdin and
// prints the result as JSON (contracts.md §3). Needs no database.
import { assess, toAssessOutput } from '../assessments/assess.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../assessments/assessment-config.js';
import { parseAssessmentInput } from '../assessments/assessment-input.schema.js';
import type { CliCommand, CliIo } from './cli.types.js';
import { EXIT } from './cli.types.js';

const USAGE = `Usage: meldpunt assess [FILE]

Assesses one incident with the ENISA method and the rules of domain.md §10.3–§10.5 as
corrected by §10.8. Reads one JSON object from FILE, or from standard input when FILE is
omitted or "-". Fields are the camelCase intake/assessment fields of domain.md §10.2; all are
optional (missing = not yet known); unknown field names are ignored. Per data category:
"protection" {"national_id": "none", ...} and "dpcAdjustments" {"health": -3}; also
"recipientsCount", "exfiltrationRuledOut", "art34ExceptionReason". Times are ISO 8601 with any
offset, or Amsterdam local time (the repeated autumn hour is read as its earlier instant).

Prints one JSON object: enisa, suggestedRisk, duties, rules, deadlines (then flags, closestExample).
The engine uses NMI's organisation profile; every assumption is an "assume.*" rule.

Exit codes: 0 success, 2 bad arguments, invalid JSON or invalid fields (each named on stderr),
1 any other failure.

Example:
  echo '{"dataCategories":["national_id"],"confidentialityScope":"known_recipients"}' | meldpunt assess
`;

/** The `assess` command. */
export const assessCommand: CliCommand = {
  name: 'assess',
  summary: 'Assess one incident (JSON from FILE or stdin) and print severity, risk, duties and deadlines',
  usage: USAGE,
  run: runAssess,
};

async function runAssess(argv: readonly string[], io: CliIo): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const options = args.filter((a) => a.startsWith('-') && a !== '-');
  if (options.length > 0 && argv[0] !== '--') {
    io.stderr(`meldpunt assess: unknown option ${options.map((o) => `"${o}"`).join(', ')}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.length > 1) {
    io.stderr(`meldpunt assess: expected at most one FILE, got ${args.length}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const file = args[0];
  const source = file === undefined || file === '-' ? 'stdin' : file;
  if (source === 'stdin' && io.isStdinTty?.()) {
    // Nothing piped in: waiting for typed JSON would look like a hang.
    io.stderr(`meldpunt assess: give a FILE or pipe the JSON into standard input\n\n${USAGE}`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = source === 'stdin' ? await io.readStdin() : await io.readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.stderr(`meldpunt assess: cannot read ${source} (${code})\n`);
      return EXIT.usage;
    }
    throw error;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`meldpunt assess: ${source} is not valid JSON: ${detail}\n`);
    return EXIT.usage;
  }

  const parsed = parseAssessmentInput(raw);
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => `  ${p.field}: ${p.message}`);
    io.stderr(
      `meldpunt assess: invalid input (${parsed.problems.length} problem(s)):\n${lines.join('\n')}\n`,
    );
    return EXIT.usage;
  }

  const result = assess(parsed.input, DEFAULT_ASSESSMENT_CONFIG);
  io.stdout(`${JSON.stringify(toAssessOutput(result), null, 2)}\n`);
  return EXIT.ok;
}
