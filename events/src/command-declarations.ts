import * as audit from './audit/audit.declarations.js';
import * as catalog from './catalog/catalog.declarations.js';
import type { AnyCommandDeclaration } from './command-declaration.js';
import * as customer from './customer/customer.declarations.js';
import * as invoice from './invoice/invoice.declarations.js';
import * as loyalty from './loyalty/loyalty.declarations.js';
import * as order from './order/order.declarations.js';
import * as shift from './shift/shift.declarations.js';
import * as tab from './order/tab.declarations.js';
import * as stock from './stock/stock.declarations.js';
import * as tenancy from './tenancy/tenancy.declarations.js';

/**
 * Every command the ledger serves, by operation id: the one list the ledger's routes, OpenAPI
 * document and authorization are served from, and the register decides offline with. A new
 * command is a declaration in its aggregate's folder, its decider and its specs, named here.
 */
export const commandDeclarations = {
  placeOrder: order.placeOrder,
  voidOrder: order.voidOrder,
  refundOrder: order.refundOrder,
  adjustTip: order.adjustTip,
  openTab: tab.openTab,
  fireRound: tab.fireRound,
  cancelTabLine: tab.cancelTabLine,
  moveTab: tab.moveTab,
  printBill: tab.printBill,
  splitBill: tab.splitBill,
  settleTab: tab.settleTab,
  closeEmptyTab: tab.closeEmptyTab,
  adjustStock: stock.adjustStock,
  defineStockItem: stock.defineStockItem,
  openShift: shift.openShift,
  moveCash: shift.moveCash,
  closeShift: shift.closeShift,
  defineTaxCategory: catalog.defineTaxCategory,
  changeTaxRate: catalog.changeTaxRate,
  defineItem: catalog.defineItem,
  changeItemPrice: catalog.changeItemPrice,
  assignTaxCategory: catalog.assignTaxCategory,
  setRecipe: catalog.setRecipe,
  renameItem: catalog.renameItem,
  deactivateItem: catalog.deactivateItem,
  reactivateItem: catalog.reactivateItem,
  issueInvoice: invoice.issueInvoice,
  recordInvoicePayment: invoice.recordInvoicePayment,
  markInvoiceOverdue: invoice.markInvoiceOverdue,
  correctInvoiceLine: invoice.correctInvoiceLine,
  correctInvoicePrice: invoice.correctInvoicePrice,
  changeInvoiceDueDate: invoice.changeInvoiceDueDate,
  issueCreditNote: invoice.issueCreditNote,
  issueDebitNote: invoice.issueDebitNote,
  createOrganization: tenancy.createOrganization,
  createBrand: tenancy.createBrand,
  createStore: tenancy.createStore,
  createRegister: tenancy.createRegister,
  addUser: tenancy.addUser,
  grantRole: tenancy.grantRole,
  revokeRole: tenancy.revokeRole,
  deactivateUser: tenancy.deactivateUser,
  reactivateUser: tenancy.reactivateUser,
  deactivateRegister: tenancy.deactivateRegister,
  reactivateRegister: tenancy.reactivateRegister,
  issueToken: tenancy.issueToken,
  registerCustomer: customer.registerCustomer,
  updateCustomerDetails: customer.updateCustomerDetails,
  recordCustomerConsent: customer.recordCustomerConsent,
  forgetCustomer: customer.forgetCustomer,
  setLoyaltyRule: loyalty.setLoyaltyRule,
  expirePoints: loyalty.expirePoints,
  closeBusinessDay: audit.closeBusinessDay,
  amendBusinessDay: audit.amendBusinessDay,
  rotateAuditKey: audit.rotateAuditKey,
} as const satisfies Record<string, AnyCommandDeclaration>;

export type CommandName = keyof typeof commandDeclarations;
