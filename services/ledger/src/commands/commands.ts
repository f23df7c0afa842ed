import type {
  AddUser,
  AdjustStock,
  AdjustTip,
  AssignTaxCategory,
  ChangeItemPrice,
  ChangeTaxRate,
  CheckoutRequest,
  CloseShift,
  CreateBrand,
  CreateOrganization,
  CreateRegister,
  CreateStore,
  DeactivateItem,
  DefineItem,
  DefineTaxCategory,
  GrantRole,
  IssueInvoice,
  MarkInvoiceOverdue,
  MoveCash,
  OpenShift,
  ReactivateItem,
  RecordInvoicePayment,
  RefundOrder,
  RenameItem,
  RevokeRole,
  SetRecipe,
  ReplayRequest,
  VoidOrder,
  RegisterCustomer,
  UpdateCustomerDetails,
  RecordCustomerConsent,
  ForgetCustomer,
  SetLoyaltyRule,
  ExpirePoints,
} from '@possier/events';
import type * as invoice from '@possier/events';
import type { Caller, CommandRequest } from './ledger-context.js';

/**
 * The commands the CommandBus carries, one class per command so each has its own handler. Each
 * holds the validated request and the caller; nothing in them is trusted until its handler has
 * checked the caller's scope against what the stream says.
 */
abstract class LedgerCommand<Data> {
  constructor(
    readonly request: CommandRequest<Data>,
    readonly caller: Caller,
  ) {}
}

export class PlaceOrderCommand extends LedgerCommand<CheckoutRequest> {}
export class VoidOrderCommand extends LedgerCommand<VoidOrder['data']> {}
export class RefundOrderCommand extends LedgerCommand<RefundOrder['data']> {}
export class AdjustTipCommand extends LedgerCommand<AdjustTip['data']> {}
export class AdjustStockCommand extends LedgerCommand<AdjustStock['data']> {}
export class OpenShiftCommand extends LedgerCommand<OpenShift['data']> {}
export class MoveCashCommand extends LedgerCommand<MoveCash['data']> {}
export class CloseShiftCommand extends LedgerCommand<CloseShift['data']> {}
export class DefineTaxCategoryCommand extends LedgerCommand<DefineTaxCategory['data']> {}
export class ChangeTaxRateCommand extends LedgerCommand<ChangeTaxRate['data']> {}
export class DefineItemCommand extends LedgerCommand<DefineItem['data']> {}
export class ChangeItemPriceCommand extends LedgerCommand<ChangeItemPrice['data']> {}
export class AssignTaxCategoryCommand extends LedgerCommand<AssignTaxCategory['data']> {}
export class SetRecipeCommand extends LedgerCommand<SetRecipe['data']> {}
export class RenameItemCommand extends LedgerCommand<RenameItem['data']> {}
export class DeactivateItemCommand extends LedgerCommand<DeactivateItem['data']> {}
export class ReactivateItemCommand extends LedgerCommand<ReactivateItem['data']> {}
export class IssueInvoiceCommand extends LedgerCommand<IssueInvoice['data']> {}
export class RecordInvoicePaymentCommand extends LedgerCommand<RecordInvoicePayment['data']> {}
export class MarkInvoiceOverdueCommand extends LedgerCommand<MarkInvoiceOverdue['data']> {}
export class CorrectInvoiceLineCommand extends LedgerCommand<invoice.CorrectInvoiceLine['data']> {}
export class CorrectInvoicePriceCommand extends LedgerCommand<invoice.CorrectInvoicePrice['data']> {}
export class ChangeInvoiceDueDateCommand extends LedgerCommand<invoice.ChangeInvoiceDueDate['data']> {}
export class IssueCreditNoteCommand extends LedgerCommand<invoice.IssueCreditNote['data']> {}
export class IssueDebitNoteCommand extends LedgerCommand<invoice.IssueDebitNote['data']> {}
export class CreateOrganizationCommand extends LedgerCommand<CreateOrganization['data']> {}
export class CreateBrandCommand extends LedgerCommand<CreateBrand['data']> {}
export class CreateStoreCommand extends LedgerCommand<CreateStore['data']> {}
export class CreateRegisterCommand extends LedgerCommand<CreateRegister['data']> {}
export class AddUserCommand extends LedgerCommand<AddUser['data']> {}
export class GrantRoleCommand extends LedgerCommand<GrantRole['data']> {}
export class RevokeRoleCommand extends LedgerCommand<RevokeRole['data']> {}
export class RegisterCustomerCommand extends LedgerCommand<RegisterCustomer['data']> {}
export class UpdateCustomerDetailsCommand extends LedgerCommand<UpdateCustomerDetails['data']> {}
export class RecordCustomerConsentCommand extends LedgerCommand<RecordCustomerConsent['data']> {}
export class ForgetCustomerCommand extends LedgerCommand<ForgetCustomer['data']> {}
export class SetLoyaltyRuleCommand extends LedgerCommand<SetLoyaltyRule['data']> {}
export class ExpirePointsCommand extends LedgerCommand<ExpirePoints['data']> {}

/** A batch of events an offline register decided, replayed from its outbox. */
export class ReplayCommand {
  constructor(
    readonly batch: ReplayRequest,
    readonly caller: Caller,
  ) {}
}
