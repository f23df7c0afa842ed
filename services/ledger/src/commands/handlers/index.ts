import {
  DefineTaxCategoryHandler,
  ChangeTaxRateHandler,
  DefineItemHandler,
  ChangeItemPriceHandler,
  AssignTaxCategoryHandler,
  SetRecipeHandler,
  RenameItemHandler,
  DeactivateItemHandler,
  ReactivateItemHandler,
} from './catalog.handlers.js';
import {
  ForgetCustomerHandler,
  RecordCustomerConsentHandler,
  RegisterCustomerHandler,
  UpdateCustomerDetailsHandler,
} from './customer.handlers.js';
import * as invoiceHandlers from './invoice.handlers.js';
import { ExpirePointsHandler, SetLoyaltyRuleHandler } from './loyalty.handlers.js';
import { AdjustTipHandler, PlaceOrderHandler, RefundOrderHandler, VoidOrderHandler } from './order.handlers.js';
import { ReplayHandler } from './replay.handler.js';
import { AdjustStockHandler, CloseShiftHandler, MoveCashHandler, OpenShiftHandler } from './stock-shift.handlers.js';
import {
  AddUserHandler,
  CreateBrandHandler,
  CreateOrganizationHandler,
  CreateRegisterHandler,
  CreateStoreHandler,
  GrantRoleHandler,
  RevokeRoleHandler,
} from './tenancy.handlers.js';

export const commandHandlers = [
  PlaceOrderHandler,
  VoidOrderHandler,
  RefundOrderHandler,
  AdjustTipHandler,
  AdjustStockHandler,
  OpenShiftHandler,
  MoveCashHandler,
  CloseShiftHandler,
  DefineTaxCategoryHandler,
  ChangeTaxRateHandler,
  DefineItemHandler,
  ChangeItemPriceHandler,
  AssignTaxCategoryHandler,
  SetRecipeHandler,
  RenameItemHandler,
  DeactivateItemHandler,
  ReactivateItemHandler,
  ...Object.values(invoiceHandlers),
  CreateOrganizationHandler,
  CreateBrandHandler,
  CreateStoreHandler,
  CreateRegisterHandler,
  AddUserHandler,
  GrantRoleHandler,
  RevokeRoleHandler,
  RegisterCustomerHandler,
  UpdateCustomerDetailsHandler,
  RecordCustomerConsentHandler,
  ForgetCustomerHandler,
  SetLoyaltyRuleHandler,
  ExpirePointsHandler,
  ReplayHandler,
];
