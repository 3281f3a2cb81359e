// Admin pages: list users, create one, change a role, deactivate or reactivate.
import { Router } from 'express';
import { ROLES } from '../../models/user.model.js';
import type { AppDeps } from '../deps.js';
import { ValidationError } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { parseInput, tryParseInput } from '../middleware/validate.js';
import { createUserSchema, updateUserSchema } from './users.schema.js';
import { createUser, listUsers, updateUser } from './users.service.js';
import { withSecondFactorStatus } from '../auth/second-factor.service.js';

/** /admin/users routes (admin only; the service checks the role again). */
export function usersRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/admin/users', requireRole('admin'));

  r.get('/admin/users', async (req, res) => {
    const users = await withSecondFactorStatus(await listUsers(actionContext(req, deps.clock)));
    res.render('users/list', {
      pageTitle: 'users.title',
      users,
      roles: ROLES,
      values: {},
      selfId: req.user!.id,
    });
  });

  r.post('/admin/users', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const parsed = tryParseInput(createUserSchema, req.body);
    const values = req.body as Record<string, unknown>;
    let fields = parsed.ok ? undefined : parsed.fields;
    if (parsed.ok) {
      try {
        // The temporary password is shown once, on this response only (never stored in the session).
        const { user, password } = await createUser(parsed.data, ctx);
        return res.status(201).render('users/created', { pageTitle: 'users.title', created: user, password });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        fields = err.fields;
      }
    }
    const users = await withSecondFactorStatus(await listUsers(ctx));
    res.status(400).render('users/list', {
      pageTitle: 'users.title',
      users,
      roles: ROLES,
      errors: fields,
      values,
      selfId: req.user!.id,
    });
  });

  r.post('/admin/users/:id', async (req, res) => {
    const change = parseInput(updateUserSchema, req.body);
    await updateUser(req.params.id, change, actionContext(req, deps.clock));
    flash(req, { type: 'success', key: 'users.updated' });
    res.redirect(303, '/admin/users');
  });
  return r;
}
