import { concatBytes } from './bytes.js';

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/**
 * The Merkle tree hash of RFC 6962 §2.1 (Certificate Transparency) over `leaves`, in the order
 * given: a leaf is SHA-256(0x00 ‖ leaf), an inner node SHA-256(0x01 ‖ left ‖ right), the left
 * subtree holds the largest power of two of leaves smaller than the count, and the empty tree
 * is SHA-256 of nothing. The prefixes keep a leaf from passing for an inner node, and the split
 * rule gives one root for each ordered list of leaves: any change, removal, insertion or
 * reordering changes the root.
 */
export const merkleRoot = (
  leaves: ReadonlyArray<Uint8Array>,
  sha256: (bytes: Uint8Array) => Uint8Array,
): Uint8Array => {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  let level = leaves.map((leaf) => sha256(concatBytes(LEAF, leaf)));
  // Bottom-up pairing, carrying an odd last node up unchanged, builds exactly the RFC's tree:
  // its left subtrees are always complete, so only the rightmost node of a level can be unpaired.
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let index = 0; index + 1 < level.length; index += 2) {
      next.push(sha256(concatBytes(NODE, level[index] as Uint8Array, level[index + 1] as Uint8Array)));
    }
    if (level.length % 2 === 1) next.push(level.at(-1) as Uint8Array);
    level = next;
  }
  return level[0] as Uint8Array;
};
