import { describe, expect, it } from 'vitest';
import {
  EventIdConflictError,
  expectedVersionToNumber,
  InvalidAppendError,
  WrongExpectedVersionError,
} from './event-store.js';

describe('event store port', () => {
  it('encodes expected versions for storage: no_stream is -1, any is -2, a version is itself', () => {
    expect([expectedVersionToNumber('no_stream'), expectedVersionToNumber('any'), expectedVersionToNumber(4)]).toEqual([
      -1, -2, 4,
    ]);
  });

  it('gives each refusal a name and the facts a caller acts on', () => {
    const wrong = new WrongExpectedVersionError('order-1', 'no_stream', 3);
    expect(wrong).toMatchObject({
      name: 'WrongExpectedVersionError',
      streamId: 'order-1',
      expectedVersion: 'no_stream',
      actualVersion: 3,
    });
    expect(wrong.message).toContain('version 3');
    expect(new EventIdConflictError('e1', 'different data')).toMatchObject({
      name: 'EventIdConflictError',
      eventId: 'e1',
    });
    expect(new InvalidAppendError('events.0.eventId', 'must be a UUIDv7')).toMatchObject({
      name: 'InvalidAppendError',
      path: 'events.0.eventId',
      message: 'events.0.eventId: must be a UUIDv7',
    });
  });
});
