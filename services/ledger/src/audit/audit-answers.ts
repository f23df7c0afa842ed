import {
  daySealPayload,
  DEFAULT_TIME_ZONE,
  domainError,
  sealRefusal,
  fromHex,
  keyRotationPayload,
  merkleRoot,
  toBase64Url,
  toHex,
  type AuditKeyRotated,
  type ContextQueries,
  type DaySeal,
  type DomainError,
} from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import type { LedgerContext } from '../commands/ledger-context.js';
import type { GeneratedKey } from './audit-keyring.js';
import { readKeyState } from './key-state.js';

/** How long a close waits for appends in flight before it seals what it can see. */
const SETTLE_MS = 5_000;

/**
 * The seal of a store's business date (the `daySeal` need): the store's events whose sale time
 * falls on the date in the store's zone, in global log order up to what every reader can see, their
 * Merkle root, signed with the org's current key, closed at the ledger's time. A close takes every
 * such event; an amendment those stored after the date's last seal.
 */
export const sealDay = async (
  ledger: LedgerContext,
  orgId: string,
  { storeId, businessDate, amendment, sealing }: ContextQueries['daySeal'],
): Promise<DaySeal | DomainError> => {
  // Asked before a signature is spent on a seal the decider would refuse anyway.
  const refused = sealRefusal(sealing, storeId, businessDate, amendment);
  if (refused) return refused;
  const { log, keyring } = ledger.audit;
  const keys = await readKeyState(ledger.store, orgId);
  if (keys.activeKeyId === null) {
    return domainError('AUDIT.NO_SIGNING_KEY', '', 'the org has no audit key yet: an owner rotates one in first');
  }
  const signer = await keyring.signer(orgId, keys.activeKeyId);
  if (!signer) {
    return domainError(
      'AUDIT.SIGNING_KEY_UNAVAILABLE',
      '',
      `this ledger does not hold the private half of the org's current key ${keys.activeKeyId}`,
    );
  }
  const tenancy = await ledger.tenancy(orgId);
  const last = amendment ? (sealing.dates[businessDate] ?? null) : null;
  // A close takes the store's zone now; an amendment keeps its date's, whatever the store's is now.
  const timeZone =
    last?.timeZone ??
    (tenancy.status === 'active' ? tenancy.stores[storeId]?.timeZone : undefined) ??
    DEFAULT_TIME_ZONE;
  // A Z report seals what was rung up before it: wait for appends still committing to land.
  await log.settle(SETTLE_MS);
  const after = last ? last.throughPosition : await log.lastUnchained(orgId, storeId);
  const leaves = await log.storeSpanHashes({
    orgId,
    storeId,
    after,
    through: null,
    dates: { from: businessDate, to: businessDate, timeZone },
  });
  const unchained = leaves.find((leaf) => leaf.hash === null);
  if (unchained) {
    return domainError('AUDIT.UNCHAINED_EVENT', '', `the event at ${unchained.logPosition} has no hash to seal`);
  }
  const unsigned = {
    storeId,
    businessDate,
    timeZone,
    closedAt: new Date().toISOString(),
    afterPosition: after,
    throughPosition: leaves.at(-1)?.logPosition ?? after,
    eventCount: leaves.length,
    merkleRoot: toHex(
      merkleRoot(
        leaves.map((leaf) => fromHex(leaf.hash as string)),
        nodeAuditCrypto.sha256,
      ),
    ),
    amendment: last ? last.amendment + 1 : 0,
    previousMerkleRoot: last ? last.merkleRoot : null,
    keyId: signer.keyId,
  };
  return { ...unsigned, signature: toBase64Url(signer.sign(daySealPayload(orgId, unsigned))) };
};

/**
 * Keys a command made and has not yet seen stored: one per command however often a lost race
 * makes it decide again, and discarded (`settle`) when the command ends without storing it.
 */
export class PendingAuditKeys {
  private readonly made = new Map<string, GeneratedKey>();

  constructor(private readonly ledger: LedgerContext) {}

  async keyFor(orgId: string): Promise<GeneratedKey> {
    const existing = this.made.get(orgId);
    if (existing) return existing;
    const generated = await this.ledger.audit.keyring.generate(orgId);
    this.made.set(orgId, generated);
    return generated;
  }

  /** Forgets every key made for the command but `stored` (the key ids the command's events name). */
  async settle(stored: ReadonlySet<string>): Promise<void> {
    for (const [orgId, key] of this.made) {
      if (!stored.has(key.keyId)) await this.ledger.audit.keyring.discard(orgId, key.keyId);
    }
    this.made.clear();
  }
}

/**
 * A new key for the org (the `auditKey` need), endorsed by the current one, rotated at the
 * ledger's time. The private half stays in the keyring; the public half goes into the event.
 */
export const newAuditKey = async (
  ledger: LedgerContext,
  pending: PendingAuditKeys,
  orgId: string,
  { previousKeyId }: ContextQueries['auditKey'],
): Promise<AuditKeyRotated['data'] | DomainError> => {
  const endorser = previousKeyId === null ? null : await ledger.audit.keyring.signer(orgId, previousKeyId);
  if (endorser === undefined) {
    return domainError(
      'AUDIT.SIGNING_KEY_UNAVAILABLE',
      '',
      `this ledger does not hold the private half of the current key ${previousKeyId}, which must endorse the next`,
    );
  }
  const generated = await pending.keyFor(orgId);
  const rotation = {
    orgId,
    keyId: generated.keyId,
    algorithm: 'Ed25519' as const,
    publicKey: toBase64Url(generated.publicKey),
    previousKeyId,
    rotatedAt: new Date().toISOString(),
  };
  const endorsement = endorser ? toBase64Url(endorser.sign(keyRotationPayload(rotation))) : null;
  return { ...rotation, endorsement };
};
