import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { RotateAuditKey } from './audit.commands.js';
import type { AuditKeyEvent } from './audit.events.js';
import { fromBase64Url } from './bytes.js';

export type AuditKeyCommand = RotateAuditKey;

export type AuditKeyState = { activeKeyId: string | null; keyIds: ReadonlyArray<string> };

const rotateAuditKey = ({ data }: RotateAuditKey, state: AuditKeyState): Decision<AuditKeyEvent> => {
  let publicKeyLength: number;
  try {
    publicKeyLength = fromBase64Url(data.publicKey).length;
  } catch (error) {
    return domainError('VALIDATION.INVALID', 'data.publicKey', (error as Error).message);
  }
  if (publicKeyLength !== 32) {
    return domainError('VALIDATION.INVALID', 'data.publicKey', 'an Ed25519 public key is 32 bytes');
  }
  if (data.previousKeyId !== state.activeKeyId) {
    return domainError(
      'AUDIT.KEY_NOT_CURRENT',
      'data.previousKeyId',
      state.activeKeyId === null ? 'the org has no key yet' : `the current key is ${state.activeKeyId}`,
    );
  }
  if (state.keyIds.includes(data.keyId)) {
    return domainError('AUDIT.KEY_REUSED', 'data.keyId', `key ${data.keyId} was already used by this org`);
  }
  if ((data.endorsement === null) !== (data.previousKeyId === null)) {
    return domainError(
      'AUDIT.ENDORSEMENT_MISSING',
      'data.endorsement',
      'a key after the first must be endorsed by the previous key, and only then',
    );
  }
  return [{ type: 'AuditKeyRotated', data }];
};

const decide = (command: AuditKeyCommand, state: AuditKeyState): Decision<AuditKeyEvent> => {
  const parsed = parseOrError(RotateAuditKey, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'RotateAuditKey':
      return rotateAuditKey(parsed, state);
    default:
      return assertNever(parsed.type);
  }
};

const evolve = (state: AuditKeyState, event: AuditKeyEvent): AuditKeyState => {
  switch (event.type) {
    case 'AuditKeyRotated':
      return { activeKeyId: event.data.keyId, keyIds: [...state.keyIds, event.data.keyId] };
  }
};

const initialState = (): AuditKeyState => ({ activeKeyId: null, keyIds: [] });

/** The `audit_key-<orgId>` stream: the org's signing keys, each endorsed by the one before. */
export const auditKeyDecider: Decider<AuditKeyCommand, AuditKeyEvent, AuditKeyState> = {
  decide,
  evolve,
  initialState,
};
