import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CustomerKekError, requireCustomerKeks, type KeyEncryptionKeys } from './customers/customer-keks.js';
import { jwtSecretProblem } from './jwt-secret.js';

/** The workspace's built dashboard, from src/ or dist/ alike. */
const WORKSPACE_DASHBOARD = fileURLToPath(new URL('../../../dashboard/dist', import.meta.url));

/**
 * The ledger's configuration, from the environment, validated once at start-up: a missing or
 * malformed setting stops the service with the variable named, instead of failing on first use.
 */
export const LedgerConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection string' }),
  /** Where reports read the read models (a replica, say); the event store's database by default. */
  REPORTS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection string' })
    .optional(),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** HS256 signing key for bearer tokens; refused unless it passes every rule of jwt-secret.ts. */
  POSSIER_JWT_SECRET: z.string().superRefine((secret, context) => {
    const problem = jwtSecretProblem(secret);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  }),
  POSSIER_JWT_ISSUER: z.string().default('possier-ledger'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How many times a command is re-decided after losing a race on its stream. */
  COMMAND_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
  /**
   * Where the orgs' private audit signing keys are kept (docs/audit.md, "Keys"); without it the
   * audit trail is served but days cannot be closed nor keys rotated.
   */
  POSSIER_AUDIT_KEY_DIR: z.string().min(1).optional(),
  /** The built dashboard served at /dashboard/ (`npm run build -w @possier/dashboard`). */
  DASHBOARD_DIR: z.string().min(1).default(WORKSPACE_DASHBOARD),
});
/**
 * The settings, plus the key-encryption keys of customers' data keys from `POSSIER_CUSTOMER_KEK`
 * or `POSSIER_CUSTOMER_KEK_FILE` (required: customers' keys live in PostgreSQL here; rules in
 * customers/customer-keks.ts).
 */
export type LedgerConfig = z.infer<typeof LedgerConfig> & { customerKeks: KeyEncryptionKeys };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): LedgerConfig => {
  const result = LedgerConfig.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  let customerKeks: KeyEncryptionKeys | undefined;
  try {
    customerKeks = requireCustomerKeks(env);
  } catch (error) {
    if (!(error instanceof CustomerKekError)) throw error;
    problems.push(error.message);
  }
  if (!result.success || customerKeks === undefined)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return { ...result.data, customerKeks };
};
