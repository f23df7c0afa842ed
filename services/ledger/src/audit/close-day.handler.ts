import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  auditDayStreamId,
  BusinessDayClosed,
  daySealDecider,
  daySealPayload,
  domainError,
  DomainError,
  fromHex,
  merkleRoot,
  toBase64Url,
  toHex,
  type CloseDayResult,
  type DaySealState,
} from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import { LedgerContext, type Caller } from '../commands/ledger-context.js';
import { AuditContext } from './audit-context.js';
import { CloseBusinessDayCommand } from './audit.commands.js';
import { readKeyState } from './key-state.js';

/** How long a close waits for appends in flight before it seals what it can see. */
const SETTLE_MS = 5_000;

/**
 * Closes a store's business day: the store's events since the last seal (in global log order, up
 * to what every reader can see), their Merkle root, signed with the org's current key, appended
 * as BusinessDayClosed to `audit_day-<storeId>`. Whoever may close a shift there may close the
 * day (a manager's Z report, the register at the till), and so may an accountant.
 */
@CommandHandler(CloseBusinessDayCommand)
export class CloseBusinessDayHandler implements ICommandHandler<CloseBusinessDayCommand, CloseDayResult> {
  constructor(
    @Inject(LedgerContext) private readonly ledger: LedgerContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
  ) {}

  async execute({ request, caller }: CloseBusinessDayCommand): Promise<CloseDayResult> {
    const { storeId, businessDate } = request.data;
    const streamId = auditDayStreamId(storeId);
    const outcome = await this.ledger.run(caller, {
      commandId: request.commandId,
      streamId,
      decider: daySealDecider,
      prepare: async (state) => {
        const allowed = await this.authorize(caller, storeId);
        if (allowed instanceof DomainError) return allowed;
        const orgId = allowed.principal.orgId;
        const seal = await this.seal(orgId, storeId, businessDate, request.occurredAt, state);
        if (seal instanceof DomainError) return seal;
        return { command: { type: 'CloseBusinessDay' as const, data: seal }, metadata: allowed.metadata(request) };
      },
    });
    const [appended] = outcome.events;
    const stored = (await this.ledger.store.readStream(outcome, { limit: 100_000 })).find(
      (event) => event.eventId === appended?.eventId,
    );
    if (!stored) throw new Error(`the seal ${appended?.eventId} of ${streamId} cannot be read back`);
    const data = BusinessDayClosed.shape.data.parse(stored.data);
    return {
      commandId: outcome.commandId,
      streamId,
      seal: {
        businessDate: data.businessDate,
        eventId: stored.eventId,
        eventCount: data.eventCount,
        merkleRoot: data.merkleRoot,
        keyId: data.keyId,
        signature: data.signature,
      },
    };
  }

  private async authorize(caller: Caller, storeId: string) {
    const asCloser = await this.ledger.authorize(caller, 'shift.close', { storeId });
    if (!(asCloser instanceof DomainError)) return asCloser;
    const asAuditor = await this.ledger.authorize(caller, 'audit.read', { storeId });
    return asAuditor instanceof DomainError ? asCloser : asAuditor;
  }

  private async seal(
    orgId: string,
    storeId: string,
    businessDate: string,
    closedAt: string,
    state: DaySealState,
  ): Promise<BusinessDayClosed['data'] | DomainError> {
    const keys = await readKeyState(this.ledger.store, orgId);
    if (keys.activeKeyId === null) {
      return domainError('AUDIT.NO_SIGNING_KEY', '', 'the org has no audit key yet: an owner rotates one in first');
    }
    const signer = await this.audit.keyring.signer(orgId, keys.activeKeyId);
    if (!signer) {
      return domainError(
        'AUDIT.SIGNING_KEY_UNAVAILABLE',
        '',
        `this ledger does not hold the private half of the org's current key ${keys.activeKeyId}`,
      );
    }
    // A Z report seals what was rung up before it: wait for appends still committing to land.
    await this.audit.log.settle(SETTLE_MS);
    const after =
      state.status === 'sealing' ? state.throughPosition : await this.audit.log.lastUnchained(orgId, storeId);
    const leaves = await this.audit.log.storeSpanHashes(orgId, storeId, after);
    const unchained = leaves.find((leaf) => leaf.hash === null);
    if (unchained) {
      return domainError('AUDIT.UNCHAINED_EVENT', '', `the event at ${unchained.logPosition} has no hash to seal`);
    }
    const unsigned = {
      storeId,
      businessDate,
      closedAt,
      afterPosition: after,
      throughPosition: leaves.at(-1)?.logPosition ?? after,
      eventCount: leaves.length,
      merkleRoot: toHex(
        merkleRoot(
          leaves.map((leaf) => fromHex(leaf.hash as string)),
          nodeAuditCrypto.sha256,
        ),
      ),
      previousMerkleRoot: state.status === 'sealing' ? state.merkleRoot : null,
      keyId: signer.keyId,
    };
    return { ...unsigned, signature: toBase64Url(signer.sign(daySealPayload(orgId, unsigned))) };
  }
}
