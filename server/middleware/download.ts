// Downloads: their headers, set one way by every route that sends a file (its type, the name it is
// saved under, and never kept in a cache: the files hold breach data or contact data), and writing
// them in pieces (a client that stops reading must not keep an export waiting forever, and one
// that went away stops it).
import type { Response } from 'express';

/** Sets the headers of a download named `filename` (plain ASCII, no quotes). */
export function startDownload(res: Response, contentType: string, filename: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
}

/** Writes one piece; waits while the client's buffer is full; throws when the client is gone. */
export async function writePiece(res: Response, chunk: string | Buffer): Promise<void> {
  if (res.destroyed) throw new Error('export aborted: the client went away');
  if (!res.write(chunk)) await drainedOrClosed(res);
}

/** Waits until the response can take more data, or the client is gone (listeners are removed after). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
