import type { LogPosition } from '@possier/events';

const WIDTH = 16;
const TOKEN = /^[0-9a-f]{16}-[0-9a-f]{16}$/;

/**
 * (transaction id, global position) as a token that sorts as text in log order: two fixed-width
 * hex numbers. Persisted by relays and projectors as their checkpoint.
 */
export const encodeLogPosition = (transactionId: bigint, globalPosition: bigint): LogPosition =>
  `${transactionId.toString(16).padStart(WIDTH, '0')}-${globalPosition.toString(16).padStart(WIDTH, '0')}`;

export const decodeLogPosition = (position: LogPosition): { transactionId: bigint; globalPosition: bigint } => {
  if (!TOKEN.test(position)) throw new RangeError(`not a PostgreSQL log position: ${position}`);
  const [transactionId, globalPosition] = position.split('-') as [string, string];
  return { transactionId: BigInt(`0x${transactionId}`), globalPosition: BigInt(`0x${globalPosition}`) };
};

export const START = { transactionId: 0n, globalPosition: 0n };
