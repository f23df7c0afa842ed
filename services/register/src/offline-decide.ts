import {
  accountWithBalance,
  domainError,
  drawerAnswerOf,
  localDateAndHour,
  parseOrError,
  DomainError,
  type CommandDeclaration,
  type CommandScope,
  type Context,
  type ContextNeeds,
  type ShiftState,
} from '@possier/events';
import type { RegisterClock } from './register-clock.js';
import type { RegisterIdentity } from './register-identity.js';
import { decided, SaleRefusedError } from './sale-refused-error.js';
import type { TillCache } from './till-cache.js';

/** This till's own shifts, as their deciders folded them. */
type TillShifts = (shiftId: string) => ShiftState;

/** What a declared command needs, from what this till last pulled, its own shifts and its clock. */
const answerNeeds = (cache: TillCache, shifts: TillShifts, clock: RegisterClock, needs: ContextNeeds): Context => {
  const { catalog, customer, loyalty, sealedDetails, storeToday, drawer } = needs;
  if (sealedDetails) {
    throw new SaleRefusedError(
      domainError(
        'REGISTER.ONLINE_ONLY',
        'data',
        "a customer's details are sealed by the ledger; register them online",
      ),
    );
  }
  const cached = customer && cache.hasCustomer(customer.customerId);
  const points = loyalty && cache.points(loyalty.customerId);
  return {
    ...(catalog ? { catalog: cache.catalogFor(catalog.itemIds) } : {}),
    ...(customer && cached ? { customer: { customerId: customer.customerId, status: 'active' as const } } : {}),
    ...(loyalty ? { loyalty: { account: accountWithBalance(points ?? 0), rule: cache.loyaltyRule() } } : {}),
    ...(storeToday ? { storeToday: localDateAndHour(clock.now().toISOString(), storeToday.timeZone).date } : {}),
    ...(drawer ? { drawer: drawerAnswerOf(shifts(drawer.shiftId)) } : {}),
  };
};

/**
 * Decides a declared command as the ledger would, with this till's knowledge: the same target,
 * needs, domain command and decider. A register acts only in its own store and as itself; the
 * ledger judges the events again when they are replayed. Refusals are thrown as SaleRefusedError.
 */
export const createOfflineDecide =
  (identity: RegisterIdentity, cache: TillCache, shifts: TillShifts, clock: RegisterClock) =>
  <Data, Command extends { type: string }, Event, State>(
    declaration: CommandDeclaration<Data, Command, Event, State>,
    input: unknown,
    state: State,
  ): Event[] => {
    const data = parseOrError(declaration.data, input, { pathPrefix: 'data' });
    if (data instanceof DomainError) throw new SaleRefusedError(data);
    const authorization = declaration.authorization;
    if ('operator' in authorization) throw new Error(`${declaration.type} is decided online only`);
    const target = authorization.target(data as Data, state, identity);
    if (target instanceof DomainError) throw new SaleRefusedError(target);
    if (
      (target.storeId !== undefined && target.storeId !== identity.storeId) ||
      (target.registerId !== undefined && target.registerId !== identity.registerId)
    ) {
      throw new SaleRefusedError(
        domainError(
          'AUTH.FORBIDDEN',
          'data.storeId',
          `register ${identity.registerId} acts only in its own store, as itself`,
        ),
      );
    }
    const scope: CommandScope = { principal: identity, tenancy: undefined, store: cache.storeFacts() };
    const needs = declaration.needs?.({ data: data as Data, state, scope, target }) ?? {};
    if (needs instanceof DomainError) throw new SaleRefusedError(needs);
    const command = declaration.command({
      data: data as Data,
      state,
      scope,
      target,
      context: answerNeeds(cache, shifts, clock, needs),
    });
    if (command instanceof DomainError) throw new SaleRefusedError(command);
    return decided(declaration.decider.decide(command, state));
  };
