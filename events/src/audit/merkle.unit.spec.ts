import { describe, expect, it } from 'vitest';
import { nobleAuditCrypto } from '../testing/audit-crypto.js';
import { fromHex, toHex } from './bytes.js';
import { merkleRoot } from './merkle.js';

const { sha256 } = nobleAuditCrypto;

/** The leaves and roots of Certificate Transparency's own Merkle tree tests (RFC 6962). */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leafHashes = (count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, index) => sha256(Uint8Array.of(index)));

describe('merkleRoot (RFC 6962)', () => {
  it('matches Certificate Transparency’s roots for 1 to 8 leaves, and SHA-256 of nothing when empty', () => {
    CT_LEAVES.forEach((_, index) => {
      const leaves = CT_LEAVES.slice(0, index + 1).map(fromHex);
      expect(toHex(merkleRoot(leaves, sha256)), `${index + 1} leaves`).toBe(CT_ROOTS[index]);
    });
    expect(toHex(merkleRoot([], sha256))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('changes when a leaf is changed, removed, inserted or two leaves swap places', () => {
    const leaves = leafHashes(11);
    const root = toHex(merkleRoot(leaves, sha256));
    const changed = leaves.map((leaf, index) => (index === 6 ? sha256(leaf) : leaf));
    const removed = leaves.filter((_, index) => index !== 3);
    const inserted = [...leaves.slice(0, 5), sha256(Uint8Array.of(99)), ...leaves.slice(5)];
    const swapped = [...leaves];
    [swapped[2], swapped[9]] = [swapped[9] as Uint8Array, swapped[2] as Uint8Array];
    for (const variant of [changed, removed, inserted, swapped]) {
      expect(toHex(merkleRoot(variant, sha256))).not.toBe(root);
    }
  });

  it('cannot pass an inner node off as a leaf: two leaves and their parent as one leaf have different roots', () => {
    const [left, right] = leafHashes(2) as [Uint8Array, Uint8Array];
    const parentAsLeaf = merkleRoot([left, right], sha256);
    expect(toHex(merkleRoot([parentAsLeaf], sha256))).not.toBe(toHex(parentAsLeaf));
  });
});
