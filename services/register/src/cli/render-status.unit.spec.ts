import { describe, expect, it } from 'vitest';
import type { RegisterStatus } from '../register-agent.js';
import { renderStatus } from './index.js';

const status = (clockSkewMs: number | null): RegisterStatus => ({
  registerId: '0193a000-0000-7000-8000-000000000001',
  storeId: '0193a000-0000-7000-8000-000000000002',
  names: { org: 'Pizza Place Co', brand: 'Pizza Place', store: 'Koramangala', register: 'Till 1' },
  online: true,
  queuedEvents: 0,
  oldestQueuedAt: null,
  lastSyncAt: '2026-11-24T16:29:00.000Z',
  lastError: null,
  clockSkewMs,
  catalogItems: 3,
  rejectedEvents: 0,
  conflicts: 0,
});

describe('register status', () => {
  const now = new Date('2026-11-24T16:29:30.000Z');

  it("tells the cashier the till's clock is ahead, and that its sales are being corrected", () => {
    expect(renderStatus(status(3 * 3_600_000), now)).toContain(
      "clock         3 h ahead of the ledger's clock: the ledger places this till's sales by corrected time; set the clock right",
    );
  });

  it('says a clock within the tolerance is in step, and nothing before the first measure', () => {
    expect(renderStatus(status(-40_000), now)).toContain('clock         in step with the ledger');
    expect(renderStatus(status(null), now)).not.toContain('clock ');
  });

  it('names the register, its store, brand and org where a person reads', () => {
    const shown = renderStatus(status(0), now);
    expect(shown).toContain('register      Till 1 at Koramangala (Pizza Place, Pizza Place Co)');
    expect(shown).not.toContain('0193a000');
  });

  it('falls back to the ids only while the names are unknown (before the first pull)', () => {
    expect(renderStatus({ ...status(0), names: {} }, now)).toContain(
      'register      register 0193a000-0000-7000-8000-000000000001 at store 0193a000-0000-7000-8000-000000000002',
    );
  });

  it('counts the last sync from the till’s own clock', () => {
    expect(renderStatus(status(0), now)).toContain('(30s ago)');
  });
});
