// The concurrency pool of the coordination module (issue 11): works through a list with at most
// `width` items in flight. Used by the mail worker (sends), the notice worker (pages, stopping
// when a run is halted) and the read models (documents fetched by `_id`).

/**
 * Runs `fn` over `items`, at most `width` at a time, in list order of starting. When `stop`
 * returns true no further item is started (those in flight finish). Rejects with the first error
 * after the items in flight have settled.
 */
export async function runPool<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure && !stop()) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
  if (failure) throw failure.err;
}
