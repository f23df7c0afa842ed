import type { LogPosition } from '@possier/events';
import type { Position } from '@kurrent/kurrentdb-client';

const MAX_U64 = (1n << 64n) - 1n;
const TOKEN = /^([0-9a-f]{16})-([0-9a-f]{16})$/;

const hex16 = (value: bigint, name: string): string => {
  if (value < 0n || value > MAX_U64)
    throw new RangeError(`${name} position ${value} is not an unsigned 64-bit integer`);
  return value.toString(16).padStart(16, '0');
};

/**
 * Encodes a `$all` position as `<16 hex commit>-<16 hex prepare>`. Fixed width and lower-case
 * hex make text order equal numeric order, which the port promises (a checkpoint column compared
 * as text must compare like the log).
 */
export const encodeLogPosition = (position: Position): LogPosition =>
  `${hex16(position.commit, 'commit')}-${hex16(position.prepare, 'prepare')}`;

/** The inverse of encodeLogPosition; refuses any other shape, upper-case hex included, so one position has one token. */
export const decodeLogPosition = (token: LogPosition): Position => {
  const match = TOKEN.exec(token);
  if (!match) throw new RangeError(`not a KurrentDB log position: ${JSON.stringify(token)}`);
  return { commit: BigInt(`0x${match[1]}`), prepare: BigInt(`0x${match[2]}`) };
};

/** Orders two `$all` positions as the log does: by commit, then by prepare. */
export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
