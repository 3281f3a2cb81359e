// Writing a download in pieces: a client that stops reading must not keep an export waiting
// forever, and one that went away stops it.
import type { Response } from 'express';

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
