import { domainError, type DomainError } from '@possier/events';

/**
 * Rupees as a person types them (`450`, `450.5`, `1,250.00`) to integer paise, by the digits and
 * never through a float. Refuses a third decimal, a sign or anything else with the reason.
 */
export const parseRupees = (text: string, path: string): number | DomainError => {
  const match = /^(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/^₹/, ''));
  if (!match) return domainError('MONEY.INVALID', path, `"${text}" is not an amount in rupees like 450 or 450.50`);
  const rupees = Number.parseInt((match[1] as string).replace(/,/g, ''), 10);
  const paise = Number.parseInt((match[2] ?? '0').padEnd(2, '0'), 10);
  const total = rupees * 100 + paise;
  if (!Number.isSafeInteger(total)) return domainError('MONEY.INVALID', path, 'is too large');
  return total;
};
