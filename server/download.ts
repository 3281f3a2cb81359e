// A file download's headers, set one way by every route that sends one: its type, the name it is
// saved under, and never kept in a cache (the files hold breach data or contact data).
import type { Response } from 'express';

/** Sets the headers of a download named `filename` (plain ASCII, no quotes). */
export function startDownload(res: Response, contentType: string, filename: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
}
