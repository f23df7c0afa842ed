import type { AuditLog } from '@possier/store';
import type { AuditKeyring } from './audit-keyring.js';

/** What the audit commands and routes need besides the ledger: the log as stored, and the keys. */
export class AuditContext {
  constructor(
    readonly log: AuditLog,
    readonly keyring: AuditKeyring,
  ) {}
}
