import type { Decider, Decision } from '../decider.js';
import { parseOrError } from '../validation.js';
import { SetLoyaltyRule, type LoyaltyRule } from './loyalty.commands.js';
import type { LoyaltyRuleSet } from './loyalty.events.js';

export type LoyaltyProgrammeState = { status: 'none' } | { status: 'set'; brandId: string; rule: LoyaltyRule };

export const loyaltyProgrammeStreamId = (brandId: string): string => `loyalty-programme-${brandId}`;

const decide = (command: SetLoyaltyRule, _state: LoyaltyProgrammeState): Decision<LoyaltyRuleSet> => {
  const parsed = parseOrError(SetLoyaltyRule, command);
  if (parsed instanceof Error) return parsed;
  return [{ type: 'LoyaltyRuleSet', data: parsed.data }];
};

const evolve = (_state: LoyaltyProgrammeState, event: LoyaltyRuleSet): LoyaltyProgrammeState => {
  const { brandId, ...rule } = event.data;
  return { status: 'set', brandId, rule };
};

export const loyaltyProgrammeDecider: Decider<SetLoyaltyRule, LoyaltyRuleSet, LoyaltyProgrammeState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
