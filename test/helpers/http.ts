// Supertest helpers: CSRF tokens from pages, and signing in with a cookie-keeping agent.
import request from 'supertest';
import type { Express } from 'express';
import assert from 'node:assert/strict';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token in a page's first form. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'page has no CSRF token');
  return m[1]!;
}

/** GETs a page and returns its CSRF token. */
export async function csrfToken(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  return csrfFrom(res.text);
}

/** A new agent signed in as the user. */
export async function signIn(app: Express, user: { email: string; password: string }): Promise<Agent> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: token, email: user.email, password: user.password, next: '/' });
  assert.equal(res.status, 303, `sign-in failed: ${res.status} ${res.text.slice(0, 200)}`);
  return agent;
}

/** POSTs a form with the CSRF token taken from `pagePath`. */
export async function postForm(
  agent: Agent,
  pagePath: string,
  action: string,
  fields: Record<string, unknown>,
) {
  const token = await csrfToken(agent, pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: token, ...fields });
}
