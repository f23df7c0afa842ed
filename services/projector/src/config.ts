import { z } from 'zod';

export const ProjectorConfig = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection string' }),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  LEDGER_STREAM: z.string().min(1).default('LEDGER'),
  PROJECTOR_CONSUMER: z.string().min(1).default('projector'),
  PROJECTOR_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  PROJECTOR_METRICS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ProjectorConfig = z.infer<typeof ProjectorConfig>;

export const loadProjectorConfig = (env: Record<string, string | undefined> = process.env): ProjectorConfig => {
  const parsed = ProjectorConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
};
