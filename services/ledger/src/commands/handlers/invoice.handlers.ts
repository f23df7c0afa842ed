import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_TIME_ZONE,
  domainError,
  DomainError,
  invoiceDecider,
  invoiceStreamId,
  localDateAndHour,
  type InvoiceCommand,
  type TenancyStore,
} from '@possier/events';
import {
  ChangeInvoiceDueDateCommand,
  CorrectInvoiceLineCommand,
  CorrectInvoicePriceCommand,
  IssueCreditNoteCommand,
  IssueDebitNoteCommand,
  IssueInvoiceCommand,
  MarkInvoiceOverdueCommand,
  RecordInvoicePaymentCommand,
} from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

@CommandHandler(IssueInvoiceCommand)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: IssueInvoiceCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: invoiceStreamId(data.invoiceId),
      decider: invoiceDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'invoice.manage', {
          orgId: data.orgId,
          storeId: data.storeId,
        });
        if (allowed instanceof DomainError) return allowed;
        // The supplier's GST state is the store's registration, not the request's say-so.
        if (allowed.store && allowed.store.stateCode !== data.supplierStateCode) {
          return domainError(
            'INVOICE.SUPPLIER_STATE_MISMATCH',
            'data.supplierStateCode',
            `the store is registered in state ${allowed.store.stateCode}`,
          );
        }
        return { command: { type: 'IssueInvoice' as const, data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

type InvoiceRequest = { request: CommandRequest<{ invoiceId: string }>; caller: Caller };

/** Commands on an issued invoice act in the issuing store. */
abstract class IssuedInvoiceHandler<C extends InvoiceRequest> {
  protected abstract readonly type: InvoiceCommand['type'];
  /** What the decider needs besides the request, from the server's side; none by default. */
  protected contextOf(_store: TenancyStore | undefined): Record<string, unknown> | undefined {
    return undefined;
  }

  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: C): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: invoiceStreamId(request.data.invoiceId),
      decider: invoiceDecider,
      prepare: async (state) => {
        if (state.status === 'none') {
          return domainError('INVOICE.NOT_ISSUED', 'data.invoiceId', 'no invoice has been issued with this id');
        }
        const allowed = await this.ledger.authorize(caller, 'invoice.manage', { storeId: state.storeId });
        if (allowed instanceof DomainError) return allowed;
        const context = this.contextOf(allowed.store);
        return {
          command: { type: this.type, data: request.data, ...(context ? { context } : {}) } as InvoiceCommand,
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

@CommandHandler(RecordInvoicePaymentCommand)
export class RecordInvoicePaymentHandler extends IssuedInvoiceHandler<RecordInvoicePaymentCommand> {
  protected readonly type = 'RecordInvoicePayment' as const;
}
/** Overdue is judged against today where the store is (invariant 8), by the server's clock. */
@CommandHandler(MarkInvoiceOverdueCommand)
export class MarkInvoiceOverdueHandler extends IssuedInvoiceHandler<MarkInvoiceOverdueCommand> {
  protected readonly type = 'MarkInvoiceOverdue' as const;
  protected override contextOf(store: TenancyStore | undefined): { storeToday: string } {
    const timeZone = store?.timeZone ?? DEFAULT_TIME_ZONE;
    return { storeToday: localDateAndHour(new Date().toISOString(), timeZone).date };
  }
}

/** Corrections and notes: the actor is the envelope's `actorId`; the reason stays in the event's data. */
@CommandHandler(CorrectInvoiceLineCommand)
export class CorrectInvoiceLineHandler extends IssuedInvoiceHandler<CorrectInvoiceLineCommand> {
  protected readonly type = 'CorrectInvoiceLine' as const;
}
@CommandHandler(CorrectInvoicePriceCommand)
export class CorrectInvoicePriceHandler extends IssuedInvoiceHandler<CorrectInvoicePriceCommand> {
  protected readonly type = 'CorrectInvoicePrice' as const;
}
@CommandHandler(ChangeInvoiceDueDateCommand)
export class ChangeInvoiceDueDateHandler extends IssuedInvoiceHandler<ChangeInvoiceDueDateCommand> {
  protected readonly type = 'ChangeInvoiceDueDate' as const;
}
@CommandHandler(IssueCreditNoteCommand)
export class IssueCreditNoteHandler extends IssuedInvoiceHandler<IssueCreditNoteCommand> {
  protected readonly type = 'IssueCreditNote' as const;
}
@CommandHandler(IssueDebitNoteCommand)
export class IssueDebitNoteHandler extends IssuedInvoiceHandler<IssueDebitNoteCommand> {
  protected readonly type = 'IssueDebitNote' as const;
}
