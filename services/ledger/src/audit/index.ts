import { CloseBusinessDayHandler } from './close-day.handler.js';
import { RotateAuditKeyHandler } from './rotate-key.handler.js';

export * from './audit-context.js';
export * from './audit-keyring.js';
export * from './audit-routes.js';

export const auditCommandHandlers = [CloseBusinessDayHandler, RotateAuditKeyHandler];
