import { describeEventStoreConformance } from '../conformance/index.js';
import { openKurrentDbEventStore } from './kurrentdb-event-store.js';

const url = process.env.EVENTSTORE_URL;

describeEventStoreConformance({
  name: 'KurrentDB / EventStoreDB',
  skipReason: url
    ? undefined
    : 'EVENTSTORE_URL is not set: the EventStoreDB conformance run is skipped (see services/store/README.md to run it)',
  open: (options) => openKurrentDbEventStore({ connectionString: url as string, ...options }),
  differences: { payloadConflictIsDuplicate: true },
});
