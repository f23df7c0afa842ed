import { describeTillClock, type RegisterSyncRow } from '@possier/events';
import { renderTable } from '../format/table.js';

/** What each register last said of its outbox (events still queued there and since when) and how its clock stood. */
export const renderRegisters = (registers: ReadonlyArray<RegisterSyncRow>): string =>
  renderTable({
    title: 'Registers (as of their last sync)',
    columns: [
      { key: 'register', header: 'Register', kind: 'text' },
      { key: 'store', header: 'Store', kind: 'text' },
      { key: 'queuedEvents', header: 'Queued events', kind: 'text' },
      { key: 'oldestQueuedAt', header: 'Oldest queued', kind: 'text' },
      { key: 'lastReplayAt', header: 'Last sync', kind: 'text' },
      { key: 'clockSkewMs', header: 'Till clock', kind: 'text' },
    ],
    fields: [],
    rows: registers.map((register) => ({
      ...register,
      // Names where the ledger sent them; an id only where it did not (an older ledger).
      register: register.registerName ?? register.registerId,
      store: register.storeName ?? register.storeId,
      queuedEvents: String(register.queuedEvents),
      oldestQueuedAt: register.oldestQueuedAt ?? '',
      clockSkewMs: register.clockSkewMs === null ? '' : describeTillClock(register.clockSkewMs),
    })),
  });
