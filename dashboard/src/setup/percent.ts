/**
 * A GST rate as a person writes it (5, 18, 12.5, 5%) to basis points, by its digits and never
 * through a float; null when it is not a rate.
 */
export const percentToBasisPoints = (text: string): number | null => {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  return Number.parseInt(match[1] as string, 10) * 100 + Number.parseInt((match[2] ?? '0').padEnd(2, '0'), 10);
};
