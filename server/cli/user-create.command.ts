// `meldpunt user:create --email E --name N --role R [--language nl|en]` (contracts.md §2).
// The password comes from standard input, or is generated and printed once.
import { ROLES } from '../../models/user.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { ValidationError } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { fieldErrors } from '../middleware/validate.js';
import { generatePassword } from '../users/password.js';
import { createUserSchema, passwordSchema } from '../users/users.schema.js';
import { passwordStrengthProblem, personalWords } from '../users/password-strength.js';
import { insertUser } from '../users/users.service.js';
import { parseOptions, withDatabase } from './cli-db.js';
import { EXIT, type CliCommand, type CliIo } from './cli.types.js';

const USAGE = `Usage: meldpunt user:create --email E --name N --role R [--language nl|en]

Creates an active user. Roles: ${ROLES.join(', ')}.
The password is read from standard input when it is piped in (at least 12 characters);
otherwise a password is generated and printed once.

Exit codes: 0 created, 2 bad arguments or input (each problem named), 1 other failure.

Example:
  echo 'a long secret passphrase' | meldpunt user:create --email fg@example.org --name "An Jansen" --role privacy_officer
`;

/** The `user:create` command. */
export const userCreateCommand: CliCommand = {
  name: 'user:create',
  summary: 'Create a user (password from stdin, or generated and printed once)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, problems } = parseOptions(argv, ['email', 'name', 'role', 'language']);
    const parsed = createUserSchema.safeParse({ ...values, language: values.language ?? 'nl' });
    if (!parsed.success) {
      for (const [field, key] of Object.entries(fieldErrors(parsed.error)))
        problems.push(`--${field}: ${translate('en', key)}`);
    }
    const piped = io.isStdinTty?.() ? '' : (await io.readStdin()).replace(/\r?\n$/, '');
    let password = piped;
    if (piped) {
      const p = passwordSchema.safeParse(piped);
      if (!p.success)
        problems.push(`password (stdin): ${translate('en', p.error.issues[0]?.message ?? 'field.invalid')}`);
      else {
        const weak = await passwordStrengthProblem(piped, personalWords(values.name, values.email));
        if (weak) problems.push(`password (stdin): ${translate('en', weak)}`);
      }
    }
    if (problems.length || !parsed.success) {
      io.stderr(`meldpunt user:create: ${problems.join('; ')}\n\n${USAGE}`);
      return EXIT.usage;
    }
    const generated = !piped;
    if (generated) password = generatePassword();
    try {
      const user = await withDatabase(async () => {
        const now = new Date();
        const u = await insertUser({ ...parsed.data, password }, now);
        await recordAudit(
          {
            actor: { kind: 'system', label: 'cli' },
            origin: { via: 'cli' },
            action: 'user.create',
            object: { type: 'user', id: u.id, ref: u.email },
            details: { role: u.role },
          },
          now,
        );
        return u;
      });
      io.stdout(`Created ${user.role} ${user.email} (${user.id})\n`);
      if (generated) io.stdout(`Password (shown once): ${password}\n`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof ValidationError) {
        io.stderr(
          `meldpunt user:create: --email: ${translate('en', err.fields?.email ?? 'field.invalid')}\n`,
        );
        return EXIT.usage;
      }
      io.stderr(`meldpunt user:create: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT.failure;
    }
  },
};
