import { DomainError, formatRupees, mintUuidV7, parseRupees, type ShiftClosed } from '@possier/events';
import { Command, type Option } from 'commander';
import { randomBytes } from 'node:crypto';
import type { RegisterAgent } from '../register-agent.js';

/** What each till command needs from the register CLI around it. */
export type TillCommandContext = {
  dataOption: () => Option;
  withRegister: <T>(dir: string, work: (register: RegisterAgent) => Promise<T> | T) => Promise<T>;
  /** Pushes what is queued, or says the sale stays queued: the line to print. */
  trySync: (register: RegisterAgent) => Promise<string>;
  /** A refusal for the person at the till (printed without a stack, exit 1). */
  refuse: (message: string) => Error;
};

const newId = () => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });

const rupees = (context: TillCommandContext, text: string, option: string): number => {
  const paise = parseRupees(text, option);
  if (paise instanceof DomainError) throw context.refuse(`${paise.path}: ${paise.reason}`);
  return paise;
};

/** The shift named, or the one open on this till. */
const shiftOf = (context: TillCommandContext, register: RegisterAgent, named: string | undefined): string => {
  const shiftId = named ?? register.till.currentShift();
  if (shiftId === undefined) throw context.refuse('--shift: no shift is open on this register; open one first');
  return shiftId;
};

/**
 * The till's own work besides selling, each decided by the same declarations as the ledger's and
 * queued in the outbox first, so it works offline: void or refund an order, open and close a
 * shift, pay cash in or out of the drawer.
 */
export const tillCommands = (context: TillCommandContext): Command[] => {
  const voidCommand = new Command('void')
    .description("Void one of this register's orders (keyed by mistake); works offline")
    .argument('<orderId>', 'the order, as `sell` printed it')
    .requiredOption('--reason <text>', 'why it is voided')
    .addOption(context.dataOption())
    .action((orderId: string, options: { reason: string; data: string }) =>
      context.withRegister(options.data, async (register) => {
        register.till.voidOrder(orderId, options.reason);
        process.stdout.write(`order ${orderId} voided\n${await context.trySync(register)}\n`);
      }),
    );

  const refund = new Command('refund')
    .description('Refund an order in full, or some of its lines (--line); works offline')
    .argument('<orderId>', 'the order, as `sell` printed it')
    .requiredOption('--reason <text>', 'why it is refunded')
    .option('--line <lineId:quantity...>', 'refund only these lines, each with how many of it')
    .option('--tender <kind>', 'how the money goes back: cash, card, upi or wallet', 'cash')
    .option('--shift <shiftId>', "the shift whose drawer pays a cash refund (default: this till's open shift)")
    .addOption(context.dataOption())
    .action(
      (orderId: string, options: { reason: string; line?: string[]; tender: string; shift?: string; data: string }) =>
        context.withRegister(options.data, async (register) => {
          const lines = (options.line ?? []).map((spec) => {
            const [lineId = '', quantityText = ''] = spec.split(':');
            const quantity = Number(quantityText);
            if (!Number.isInteger(quantity) || quantity <= 0)
              throw context.refuse(`--line ${spec}: give the line id and a whole quantity above zero, as <lineId>:<n>`);
            return { lineId, quantity };
          });
          const shiftId = options.tender === 'cash' ? (options.shift ?? register.till.currentShift()) : options.shift;
          const base = {
            orderId,
            reason: options.reason,
            tender: { kind: options.tender as 'cash' },
            ...(shiftId === undefined ? {} : { shiftId }),
          };
          const { events } = register.till.refundOrder(
            lines.length > 0 ? { ...base, scope: 'lines', lines } : { ...base, scope: 'full' },
          );
          const refunded = events.find((event) => event.type === 'OrderRefunded');
          const paise = (refunded?.data as { refundPaise?: number } | undefined)?.refundPaise ?? 0;
          process.stdout.write(
            `order ${orderId}: ${formatRupees(paise)} refunded by ${options.tender}\n${await context.trySync(register)}\n`,
          );
        }),
    );

  const shift = new Command('shift').description("Open or close this register's cash drawer shift");
  shift
    .command('open')
    .description('Open a shift with the float counted into the drawer')
    .requiredOption('--float <rupees>', 'cash in the drawer at the start')
    .requiredOption('--by <userId>', 'the cashier who counted the float in')
    .addOption(context.dataOption())
    .action((options: { float: string; by: string; data: string }) =>
      context.withRegister(options.data, async (register) => {
        const shiftId = newId();
        const floatPaise = rupees(context, options.float, '--float');
        register.till.openShift(shiftId, floatPaise, options.by);
        process.stdout.write(
          `shift ${shiftId} open, float ${formatRupees(floatPaise)}\n${await context.trySync(register)}\n`,
        );
      }),
    );
  shift
    .command('close')
    .description('Close the shift with the cash counted in the drawer; prints expected, counted and the difference')
    .requiredOption('--counted <rupees>', 'the cash counted in the drawer')
    .requiredOption('--by <userId>', 'the cashier who counted it')
    .option('--shift <shiftId>', 'the shift (default: the one open on this register)')
    .addOption(context.dataOption())
    .action((options: { counted: string; by: string; shift?: string; data: string }) =>
      context.withRegister(options.data, async (register) => {
        const shiftId = shiftOf(context, register, options.shift);
        const closed = register.till.closeShift(shiftId, rupees(context, options.counted, '--counted'), options.by);
        const data = closed.events.find((event) => event.type === 'ShiftClosed')?.data as ShiftClosed['data'];
        process.stdout.write(
          [
            `shift ${shiftId} closed`,
            `  expected  ${formatRupees(data.expectedCashPaise).padStart(14)}`,
            `  counted   ${formatRupees(data.countedCashPaise).padStart(14)}`,
            `  ${data.variancePaise < 0 ? 'short' : data.variancePaise > 0 ? 'over ' : 'exact'}     ${formatRupees(Math.abs(data.variancePaise)).padStart(14)}`,
            await context.trySync(register),
          ].join('\n') + '\n',
        );
      }),
    );

  const cash = new Command('cash').description("Pay cash into or out of the shift's drawer outside a sale");
  for (const direction of ['in', 'out'] as const) {
    cash
      .command(direction)
      .description(direction === 'in' ? 'Cash put into the drawer' : 'Cash taken out of the drawer')
      .argument('<rupees>', 'how much')
      .requiredOption('--reason <text>', 'why the cash moved')
      .option('--shift <shiftId>', 'the shift (default: the one open on this register)')
      .addOption(context.dataOption())
      .action((amount: string, options: { reason: string; shift?: string; data: string }) =>
        context.withRegister(options.data, async (register) => {
          const shiftId = shiftOf(context, register, options.shift);
          const amountPaise = rupees(context, amount, '<rupees>');
          register.till.moveCash(shiftId, direction, amountPaise, options.reason);
          process.stdout.write(
            `cash ${direction} ${formatRupees(amountPaise)} on shift ${shiftId}\n${await context.trySync(register)}\n`,
          );
        }),
      );
  }
  return [voidCommand, refund, shift, cash];
};
