import {
  drawerAnswerOf,
  localDateAndHour,
  shiftDecider,
  shiftStreamId,
  type Context,
  type ContextNeeds,
} from '@possier/events';
import { newAuditKey, sealDay, type PendingAuditKeys } from '../audit/audit-answers.js';
import { foldStream } from './folded-streams.js';
import { customerState } from '../customers/customer-directory.js';
import { sealPii } from '../customers/pii-cipher.js';
import { loyaltyAccountOf, loyaltyRuleOf } from '../loyalty/order-loyalty.js';
import type { LedgerContext } from './ledger-context.js';

/**
 * The ledger's answers to what a declared command needs, all within the caller's org: from the
 * log (the source of truth), the customer keyring, the audit keyring and the server's clock. Keys
 * made for a command are kept in `pendingKeys` until the command ends.
 *
 * Sealing claims the phone in the lookup before the command is decided: a claim for a command
 * then refused (a lost race) names a customer id with no details; it is released by that
 * customer's erasure or next change of phone, and never lets a stranger's number be looked up.
 */
export const answerNeeds = async (
  ledger: LedgerContext,
  orgId: string,
  needs: ContextNeeds,
  pendingKeys: PendingAuditKeys,
): Promise<Context> => {
  const { catalog, customer, loyalty, sealedDetails, storeToday, drawer, daySeal, auditKey, tokenValidity } = needs;
  const [catalogView, customerFound, loyaltyFound, sealed, drawerFound, seal, key] = await Promise.all([
    catalog && ledger.catalogFor(orgId, catalog.brandId, catalog.storeId, catalog.itemIds),
    customer &&
      customerState(ledger.store, orgId, customer.customerId).then((state) =>
        state.status === 'none' ? undefined : { customerId: customer.customerId, status: state.status },
      ),
    loyalty &&
      Promise.all([
        loyaltyAccountOf(ledger.store, orgId, loyalty.brandId, loyalty.customerId),
        loyaltyRuleOf(ledger.store, orgId, loyalty.brandId),
      ]).then(([account, rule]) => ({ account, rule })),
    sealedDetails && sealDetails(ledger, orgId, sealedDetails),
    drawer && foldStream(ledger.store, orgId, shiftStreamId(drawer.shiftId), shiftDecider).then(drawerAnswerOf),
    daySeal && sealDay(ledger, orgId, daySeal),
    auditKey && newAuditKey(ledger, pendingKeys, orgId, auditKey),
  ]);
  return {
    ...(catalogView === undefined ? {} : { catalog: catalogView }),
    ...(customerFound === undefined ? {} : { customer: customerFound }),
    ...(loyaltyFound === undefined ? {} : { loyalty: loyaltyFound }),
    ...(sealed === undefined ? {} : { sealedDetails: sealed }),
    ...(drawerFound === undefined ? {} : { drawer: drawerFound }),
    ...(seal === undefined ? {} : { daySeal: seal }),
    ...(key === undefined ? {} : { auditKey: key }),
    ...(storeToday === undefined
      ? {}
      : { storeToday: localDateAndHour(new Date().toISOString(), storeToday.timeZone).date }),
    ...(tokenValidity === undefined ? {} : { tokenValidity: validityOf(ledger, tokenValidity.kind) }),
  };
};

/** Issued now by the ledger's clock, whole seconds as a JWT carries them, for the kind's full lifetime. */
const validityOf = (ledger: LedgerContext, kind: 'register' | 'user') => {
  const issuedAt = Math.floor(ledger.clock().getTime() / 1000) * 1000;
  return {
    issuedAt: new Date(issuedAt).toISOString(),
    expiresAt: new Date(issuedAt + ledger.tokens.lifetimes[kind] * 1000).toISOString(),
  };
};

const sealDetails = async (
  ledger: LedgerContext,
  orgId: string,
  { customerId, details }: NonNullable<ContextNeeds['sealedDetails']>,
) => {
  const key = await ledger.customerKeys.keyFor(orgId, customerId);
  const phoneOwner = await ledger.customerKeys.claimPhone(orgId, details.phone, customerId);
  return { sealed: sealPii(details, key, orgId, customerId), phoneOwner };
};
