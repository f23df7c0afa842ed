import { DomainError } from '@possier/events';

/** A command the register could not decide: the same DomainError the ledger would answer with. */
export class SaleRefusedError extends Error {
  override readonly name = 'SaleRefusedError';
  constructor(readonly error: DomainError) {
    super(`${error.path ? `${error.path}: ` : ''}${error.reason} (${error.code})`);
  }
}

/** A decider's events, or its refusal thrown as a SaleRefusedError. */
export const decided = <Event>(decision: Event[] | DomainError): Event[] => {
  if (decision instanceof DomainError) throw new SaleRefusedError(decision);
  return decision;
};
