import { describe, expect, it } from 'vitest';
import { orgStreamPrefix, serverStreamName } from './stream-name.js';

const ORG = '0193a000-0000-7000-8000-0000000000a1';
const OTHER_ORG = '0193a000-0000-7000-8000-0000000000a2';
const STREAM = 'order-0193a000-0000-7000-8000-000000000001';

describe('KurrentDB stream names', () => {
  it("gives two orgs' streams of one name two server streams", () => {
    expect(serverStreamName({ orgId: ORG, streamId: STREAM })).toBe(`${ORG}:${STREAM}`);
    expect(serverStreamName({ orgId: OTHER_ORG, streamId: STREAM })).not.toBe(
      serverStreamName({ orgId: ORG, streamId: STREAM }),
    );
  });

  it('names one org in either case the same, and starts every name of an org with its prefix', () => {
    expect(serverStreamName({ orgId: ORG.toUpperCase(), streamId: STREAM })).toBe(`${ORG}:${STREAM}`);
    expect(serverStreamName({ orgId: ORG, streamId: STREAM }).startsWith(orgStreamPrefix(ORG))).toBe(true);
    expect(serverStreamName({ orgId: OTHER_ORG, streamId: STREAM }).startsWith(orgStreamPrefix(ORG))).toBe(false);
  });
});
