// What every audit-chain test asserts of the entries in position order: contiguous positions, each
// linked to its predecessor's hash, and no two entries sharing a predecessor (no fork).
import assert from 'node:assert/strict';

export function assertLinear(entries: readonly { seq: number; prevHash: string; hash: string }[]): void {
  for (let i = 1; i < entries.length; i++) {
    assert.equal(entries[i]!.seq, entries[i - 1]!.seq + 1, 'positions are contiguous');
    assert.equal(
      entries[i]!.prevHash,
      entries[i - 1]!.hash,
      `entry ${entries[i]!.seq} links to its predecessor`,
    );
  }
  assert.equal(
    new Set(entries.map((e) => e.prevHash)).size,
    entries.length,
    'no two entries share a predecessor (no fork)',
  );
}
