// GET /healthz (contracts.md §4): 200 {"status":"ok","db":"ok"} or 503 {"status":"unavailable","db":"down"}.
import { Router } from 'express';
import mongoose from 'mongoose';
import { pingDatabase } from '../db/connection.js';

/** The health route; answers without a session. */
export function healthRoutes(): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const up = await pingDatabase(mongoose.connection);
    res.setHeader('Cache-Control', 'no-store');
    if (up) res.json({ status: 'ok', db: 'ok' });
    else res.status(503).json({ status: 'unavailable', db: 'down' });
  });
  return r;
}
