import { domainError, fieldPath, type DomainError } from '../errors.js';
import { roundToRupee, sumPaise } from '../money.js';
import type { Bill } from '../pricing.js';
import type { BillSplitRequest } from './tab.commands.js';
import type { BillPart } from './tab.events.js';
import { liveLines, type RunningTab, type TabLineState } from './tab-state.js';

/**
 * Parts that pay for their own lines: each a whole number of rupees, as a bill is, and the last
 * the rest, so the parts add up to the bill to the paisa.
 */
export const partsByLines = (bill: Bill, groups: ReadonlyArray<{ lineIds: string[]; seat?: number }>): BillPart[] => {
  const totalOf = (lineIds: ReadonlyArray<string>) =>
    sumPaise(bill.lines.filter((line) => lineIds.includes(line.lineId)).map((line) => line.totalPaise));
  const parts: BillPart[] = [];
  groups.forEach((group, index) => {
    const payablePaise =
      index < groups.length - 1
        ? roundToRupee(totalOf(group.lineIds)).roundedPaise
        : bill.totals.payablePaise - sumPaise(parts.map((part) => part.payablePaise));
    parts.push({
      part: index + 1,
      payablePaise,
      lineIds: group.lineIds,
      ...(group.seat === undefined ? {} : { seat: group.seat }),
    });
  });
  return parts;
};

export const splitGroups = (
  split: BillSplitRequest,
  tab: RunningTab,
): Array<{ lineIds: string[]; seat?: number }> | DomainError => {
  const live = liveLines(tab);
  const nameOf = (entry: TabLineState) => tab.prices[entry.line.itemId]?.name ?? entry.line.lineId;
  if (split.method === 'seats') {
    const seats = new Map<number, string[]>();
    for (const entry of live) {
      if (entry.line.seat === undefined)
        return domainError('TAB.LINE_WITHOUT_SEAT', 'data.split', `${nameOf(entry)} was not fired for a seat`);
      seats.set(entry.line.seat, [...(seats.get(entry.line.seat) ?? []), entry.line.lineId]);
    }
    if (seats.size < 2)
      return domainError('TAB.ONE_SEAT', 'data.split', 'every line is for one seat; nothing to split');
    return [...seats.entries()].sort(([a], [b]) => a - b).map(([seat, lineIds]) => ({ seat, lineIds }));
  }
  if (split.method !== 'lines') return [];
  const liveIds = new Set(live.map((entry) => entry.line.lineId));
  const placed = new Set<string>();
  for (const [partIndex, part] of split.parts.entries()) {
    for (const [lineIndex, lineId] of part.lineIds.entries()) {
      const path = fieldPath('data.split.parts', partIndex, 'lineIds', lineIndex);
      if (!liveIds.has(lineId)) return domainError('ORDER.UNKNOWN_LINE', path, 'this line is not on the tab');
      if (placed.has(lineId)) return domainError('TAB.SPLIT_OVERLAP', path, 'this line is already in another part');
      placed.add(lineId);
    }
  }
  const left = live.find((entry) => !placed.has(entry.line.lineId));
  if (left) return domainError('TAB.SPLIT_INCOMPLETE', 'data.split.parts', `${nameOf(left)} is in no part`);
  return split.parts.map((part) => ({ lineIds: part.lineIds }));
};
