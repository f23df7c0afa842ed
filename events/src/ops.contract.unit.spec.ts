import { describe, expect, it } from 'vitest';
import { OpsStatus } from './ops.contract.js';
import { REGISTER, STORE } from './testing/fixtures.js';

const checkpoint = {
  kind: 'projector',
  name: 'sales-by-hour',
  position: '00000000000003e8-0000000000000007',
  behind: 2,
  behindCapped: false,
  caughtUp: false,
  lastRecordedAt: '2026-11-24T07:30:00.000Z',
  lastAgeMs: 4_200,
  lagMs: 850,
  updatedAt: '2026-11-24T07:30:01.000Z',
};
const head = { position: '00000000000003e9-0000000000000009', recordedAt: '2026-11-24T07:30:00.850Z', ageMs: 3_350 };

describe('the ops status contract', () => {
  it('reads an operator’s answer unchanged, with no registers key, so `possier status --json` prints what the ledger sent', () => {
    const answer = { head, checkpoints: [checkpoint] };
    const parsed = OpsStatus.parse(answer);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(answer));
  });

  it('reads an owner’s answer with each register’s outbox, in the order the ledger wrote its keys', () => {
    const answer = {
      head: null,
      checkpoints: [],
      registers: [
        {
          registerId: REGISTER,
          storeId: STORE,
          lastReplayAt: '2026-11-24T07:31:00.000Z',
          queuedEvents: 3,
          oldestQueuedAt: null,
          clockSkewMs: -40_000,
        },
      ],
    };
    expect(JSON.stringify(OpsStatus.parse(answer))).toBe(JSON.stringify(answer));
  });

  it('refuses a checkpoint of a kind the ledger does not run', () => {
    const result = OpsStatus.safeParse({ head, checkpoints: [{ ...checkpoint, kind: 'indexer' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['checkpoints', 0, 'kind']);
  });
});
