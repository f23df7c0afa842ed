import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  auditKeyDecider,
  AuditKeyRotated,
  auditKeyStreamId,
  domainError,
  DomainError,
  keyRotationPayload,
  toBase64Url,
  type RotateKeyResult,
} from '@possier/events';
import { LedgerContext } from '../commands/ledger-context.js';
import { AuditContext } from './audit-context.js';
import type { GeneratedKey } from './audit-keyring.js';
import { RotateAuditKeyCommand } from './audit.commands.js';

/**
 * Makes a new signing key for the caller's org, has the current key endorse it, and records its
 * public half as AuditKeyRotated. Only an owner (`tenancy.manage`) may: the key decides whose
 * signature an accountant will accept.
 */
@CommandHandler(RotateAuditKeyCommand)
export class RotateAuditKeyHandler implements ICommandHandler<RotateAuditKeyCommand, RotateKeyResult> {
  constructor(
    @Inject(LedgerContext) private readonly ledger: LedgerContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
  ) {}

  async execute({ request, caller }: RotateAuditKeyCommand): Promise<RotateKeyResult> {
    const { orgId } = request.data;
    const streamId = auditKeyStreamId(orgId);
    // Made once, after the caller is authorized, and kept across retries of a lost race.
    let generated: GeneratedKey | undefined;
    let outcome;
    try {
      outcome = await this.ledger.run(caller, {
        commandId: request.commandId,
        streamId,
        decider: auditKeyDecider,
        prepare: async (state) => {
          const allowed = await this.ledger.authorize(caller, 'tenancy.manage', { orgId });
          if (allowed instanceof DomainError) return allowed;
          const endorser =
            state.activeKeyId === null ? null : await this.audit.keyring.signer(orgId, state.activeKeyId);
          if (endorser === undefined) {
            return domainError(
              'AUDIT.SIGNING_KEY_UNAVAILABLE',
              '',
              `this ledger does not hold the private half of the current key ${state.activeKeyId}, which must endorse the next`,
            );
          }
          generated ??= await this.audit.keyring.generate(orgId);
          const rotation = {
            orgId,
            keyId: generated.keyId,
            algorithm: 'Ed25519' as const,
            publicKey: toBase64Url(generated.publicKey),
            previousKeyId: state.activeKeyId,
            rotatedAt: request.occurredAt,
          };
          const endorsement = endorser ? toBase64Url(endorser.sign(keyRotationPayload(rotation))) : null;
          return {
            command: { type: 'RotateAuditKey' as const, data: { ...rotation, endorsement } },
            metadata: allowed.metadata(request),
          };
        },
      });
    } catch (error) {
      if (generated) await this.audit.keyring.discard(orgId, generated.keyId);
      throw error;
    }
    const [appended] = outcome.events;
    const stored = (await this.ledger.store.readStream(outcome, { limit: 100_000 })).find(
      (event) => event.eventId === appended?.eventId,
    );
    if (!stored) throw new Error(`the key rotation ${appended?.eventId} of ${streamId} cannot be read back`);
    const data = AuditKeyRotated.shape.data.parse(stored.data);
    return {
      commandId: outcome.commandId,
      streamId,
      key: { keyId: data.keyId, publicKey: data.publicKey, previousKeyId: data.previousKeyId },
    };
  }
}
