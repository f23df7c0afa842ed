import type { RegisterPrincipal } from '@possier/events';

/**
 * Who a till acts as: the register its token names, with its org, brand and store. Every event it
 * records carries these, and it decides only in its own store, as itself.
 */
export type RegisterIdentity = RegisterPrincipal;
