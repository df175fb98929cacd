import path from 'node:path';
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.string().url().optional())
  .optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Unset: an embedded PostgreSQL under DATA_DIR, started and stopped with the process. */
  DATABASE_URL: optionalUrl,
  /** Unset: an in-process bus (one process serves every socket). */
  REDIS_URL: optionalUrl,
  STT_PROVIDER: z.enum(['local']).default('local'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signs live-call tokens. Unset: a random key kept in DATA_DIR (set it when running several gateways). */
  CALL_TOKEN_SECRET: z.string().min(32).optional(),
  CALL_TOKEN_TTL_S: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(4 * 3600),
  /** When a phrase heard in a partial transcript may fire its card; see README "Matching". */
  MATCH_STABILITY: z.enum(['immediate', 'next-update', 'final']).default('next-update'),
  POCKETSPHINX_MODEL_DIR: z.string().min(1).default('/usr/share/pocketsphinx/model/en-us'),
  /** Concurrent live streams the local engine accepts; more are refused with a clear error. */
  LOCAL_STT_MAX_STREAMS: z.coerce.number().int().min(1).max(256).default(8),
  /** Worker threads running PocketSphinx decoders (CPU bound: at most the core count helps). */
  LOCAL_STT_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Reads and validates the environment; the only place in the server that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
