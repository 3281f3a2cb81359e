// Input schemas for user forms and the CLI (validated at the edge, architecture.md §3 rule 5).
import { z } from 'zod';
import { ROLES } from '../../models/user.model.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

const email = z.string().trim().toLowerCase().max(254, 'field.tooLong').pipe(z.email('field.email'));
const name = z.string().trim().min(1, 'field.required').max(200, 'field.tooLong');

export const createUserSchema = z.object({
  email,
  name,
  role: z.enum(ROLES, 'field.invalid'),
  language: z.enum(['nl', 'en'], 'field.invalid').default('nl'),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, 'field.passwordTooShort')
  .max(1000, 'field.tooLong');

export const setupSchema = z
  .object({ email, name, password: passwordSchema, passwordRepeat: z.string() })
  .refine((v) => v.password === v.passwordRepeat, {
    path: ['passwordRepeat'],
    message: 'field.passwordMismatch',
  });

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).default(''),
  password: z.string().max(1000).default(''),
});

export const updateUserSchema = z.object({
  role: z.enum(ROLES, 'field.invalid').optional(),
  active: z
    .enum(['true', 'false'], 'field.invalid')
    .transform((v) => v === 'true')
    .optional(),
});

export const languageSchema = z.object({ language: z.enum(['nl', 'en'], 'field.invalid') });
