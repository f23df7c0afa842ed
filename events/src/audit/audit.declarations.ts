import { declareCommand, type CommandAnswerInput, type Context } from '../command-declaration.js';
import { domainError, DomainError } from '../errors.js';
import { Uuid } from '../ids.js';
import { IsoDate } from '../time.js';
import { z } from 'zod';
import { auditKeyDecider } from './audit-key.decider.js';
import { CloseDayResult, RotateKeyResult } from './audit.contract.js';
import { AuditKeyRotated, auditDayStreamId, auditKeyStreamId, DaySeal } from './audit.events.js';
import { daySealDecider } from './day-seal.decider.js';

/** The one event a close or a rotation appends, as its answer reads it. */
const appended = <Schema extends z.ZodType>(outcome: CommandAnswerInput, type: string, schema: Schema) => {
  const event = outcome.events.find((candidate) => candidate.type === type);
  if (!event) throw new Error(`${outcome.streamId}: the command appended no ${type}`);
  return { eventId: event.eventId, data: schema.parse(event.data) as z.output<Schema> };
};

const sealAnswer =
  (type: 'BusinessDayClosed' | 'BusinessDayAmended') =>
  (outcome: CommandAnswerInput): CloseDayResult => {
    const { eventId, data } = appended(outcome, type, DaySeal);
    return {
      commandId: outcome.commandId,
      streamId: outcome.streamId,
      seal: {
        businessDate: data.businessDate,
        eventId,
        amendment: data.amendment,
        eventCount: data.eventCount,
        merkleRoot: data.merkleRoot,
        keyId: data.keyId,
        signature: data.signature,
      },
    };
  };

const sealCommand =
  <Type extends 'CloseBusinessDay' | 'AmendBusinessDay'>(type: Type) =>
  ({ context }: { context: Context }) => {
    const seal = context.daySeal;
    if (seal === undefined) return domainError('AUDIT.ONLINE_ONLY', '', 'a day is sealed by the ledger');
    if (seal instanceof DomainError) return seal;
    return { type, data: seal };
  };

const SealTarget = z.object({ storeId: Uuid, businessDate: IsoDate });

/**
 * Close a store's business date and seal its events (those whose sale time falls on it in the
 * store's zone): the Z report at the till, a manager's or an accountant's close, or the scheduled
 * one. Dates are sealed in any order, each once. The seal's figures come from the log and the
 * org's key, which only the ledger holds (`daySeal`); the time of the close is the ledger's.
 */
export const closeBusinessDay = declareCommand({
  type: 'CloseBusinessDay',
  route: {
    path: '/v1/audit/stores/{storeId}/days/{businessDate}/close',
    summary: "Close a store's business date and sign the seal over its events",
  },
  data: SealTarget,
  stream: (data) => auditDayStreamId(data.storeId),
  decider: daySealDecider,
  authorization: { action: 'day.close', target: (data) => ({ storeId: data.storeId }) },
  needs: ({ data, state }) => ({
    daySeal: { storeId: data.storeId, businessDate: data.businessDate, amendment: false, sealing: state },
  }),
  command: sealCommand('CloseBusinessDay'),
  answer: { schema: CloseDayResult, of: sealAnswer('BusinessDayClosed') },
});

/**
 * Seal the events of a sealed date that were stored after its last seal (an offline till's late
 * replay, a correction) in an amendment joined to that seal. Explicit, like a close: whoever
 * closes days runs it when the day's history shows late events (docs/audit.md, "Amendments").
 */
export const amendBusinessDay = declareCommand({
  type: 'AmendBusinessDay',
  route: {
    path: '/v1/audit/stores/{storeId}/days/{businessDate}/amend',
    summary: "Seal a sealed business date's events stored after its last seal, as an amendment",
  },
  data: SealTarget,
  stream: (data) => auditDayStreamId(data.storeId),
  decider: daySealDecider,
  authorization: { action: 'day.close', target: (data) => ({ storeId: data.storeId }) },
  needs: ({ data, state }) => ({
    daySeal: { storeId: data.storeId, businessDate: data.businessDate, amendment: true, sealing: state },
  }),
  command: sealCommand('AmendBusinessDay'),
  answer: { schema: CloseDayResult, of: sealAnswer('BusinessDayAmended') },
});

/**
 * Put a new signing key in place for the caller's org, endorsed by the current one. Only an owner
 * may (`tenancy.manage`): the key decides whose signature an accountant will accept.
 */
export const rotateAuditKey = declareCommand({
  type: 'RotateAuditKey',
  route: { path: '/v1/audit/keys/rotate', summary: "Put a new audit signing key in place for the caller's org" },
  data: z.object({ orgId: Uuid }),
  stream: (data) => auditKeyStreamId(data.orgId),
  decider: auditKeyDecider,
  authorization: { action: 'tenancy.manage', target: (data) => ({ orgId: data.orgId }) },
  needs: ({ state }) => ({ auditKey: { previousKeyId: state.activeKeyId } }),
  command: ({ context }) => {
    const key = context.auditKey;
    if (key === undefined) return domainError('AUDIT.ONLINE_ONLY', '', 'audit keys are made by the ledger');
    if (key instanceof DomainError) return key;
    return { type: 'RotateAuditKey' as const, data: key };
  },
  answer: {
    schema: RotateKeyResult,
    of: (outcome): RotateKeyResult => {
      const { data } = appended(outcome, 'AuditKeyRotated', AuditKeyRotated.shape.data);
      return {
        commandId: outcome.commandId,
        streamId: outcome.streamId,
        key: { keyId: data.keyId, publicKey: data.publicKey, previousKeyId: data.previousKeyId },
      };
    },
  },
});
