import path from 'node:path';
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.string().url().optional())
  .optional();

const PROVIDERS = ['local', 'deepgram', 'whisperlive'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** "a, b ,c" → ["a","b","c"]; empty → undefined. */
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .transform((items) => (items.length === 0 ? undefined : items))
  .optional();

/** An empty value (`METRICS_PORT=` in an env file) means unset, not 0 or "". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const flag = z.enum(['true', 'false', '1', '0', '']).transform((value) => value === 'true' || value === '1');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Unset: an embedded PostgreSQL under DATA_DIR, started and stopped with the process. */
  DATABASE_URL: optionalUrl,
  /** Unset: an in-process bus (one process serves every socket). */
  REDIS_URL: optionalUrl,
  /** The speech engine when STT_PROVIDERS is unset. */
  STT_PROVIDER: z.enum(PROVIDERS).default('local'),
  /** Failover order, e.g. "whisperlive,deepgram,local": a call moves down the list when an engine fails. */
  STT_PROVIDERS: commaList.pipe(z.array(z.enum(PROVIDERS)).optional()),
  DEEPGRAM_API_KEY: z.string().trim().min(1).optional(),
  /** Base URL (self-hosted Deepgram, a proxy, tests); default https://api.deepgram.com. */
  DEEPGRAM_URL: optionalUrl,
  DEEPGRAM_MODEL: z.string().min(1).default('nova-3'),
  DEEPGRAM_MAX_STREAMS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** WhisperLive nodes (ws:// or wss://, comma-separated): a pool, least loaded first. */
  WHISPERLIVE_URLS: commaList.pipe(z.array(z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL')).optional()),
  WHISPERLIVE_API_KEY: z.string().trim().min(1).optional(),
  WHISPERLIVE_MODEL: z.string().min(1).default('small.en'),
  /** "auto" lets the node detect the language. */
  WHISPERLIVE_LANGUAGE: z.string().min(2).default('en'),
  /** Send int16 audio (servers that support `audio_format`); off = float32, which every server reads. */
  WHISPERLIVE_INT16: flag.default(false),
  WHISPERLIVE_READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signs live-call tokens. Unset: a random key kept in DATA_DIR (set it when running several gateways). */
  CALL_TOKEN_SECRET: z.string().min(32).optional(),
  /** A live-call token only opens the call's sockets; the pane asks for a fresh one on every reconnect. */
  CALL_TOKEN_TTL_S: z.coerce.number().int().min(30).max(24 * 3600).default(300),
  /** First start on an empty database: the admin account to create (else admin@localhost with a printed random password). */
  ADMIN_EMAIL: unsetIfEmpty(z.string().trim().toLowerCase().pipe(z.email()).optional()),
  ADMIN_PASSWORD: unsetIfEmpty(z.string().min(10, 'must be at least 10 characters').max(256).optional()),
  /** Let anyone create a new organisation with POST /api/auth/register (otherwise users join by an admin's invitation only). */
  ALLOW_REGISTRATION: flag.default(false),
  /** A session ends after this long unused… */
  SESSION_IDLE_H: z.coerce.number().min(0.05).max(24 * 30).default(12),
  /** …and at the latest this long after login. */
  SESSION_MAX_H: z.coerce.number().min(0.1).max(24 * 365).default(7 * 24),
  /** Session cookie's Secure flag: `auto` sets it when the request came over HTTPS (X-Forwarded-Proto from the proxy). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Behind a reverse proxy (nginx): take the client address from X-Forwarded-For / X-Real-IP for rate limits and logs. */
  TRUST_PROXY: flag.default(false),
  /** API requests one user (or, before login, one address) may make per second, and the burst allowed above it. */
  HTTP_RATE_PER_S: z.coerce.number().min(0.1).max(100_000).default(20),
  HTTP_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /** Failed logins of one account before it is locked (for 1 minute, doubling on each further failure, at most 15). */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Login attempts one client address may make per minute, whichever accounts it tries. */
  LOGIN_ATTEMPTS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  /** How long a live call whose rep socket dropped waits for the rep to reconnect and resume it; then it ends as interrupted (0: at once). */
  CALL_RESUME_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** When a phrase heard in a partial transcript may fire its card; see README "Matching". */
  MATCH_STABILITY: z.enum(['immediate', 'next-update', 'final']).default('next-update'),
  /** Which channel of a stereo recording is the agent (the other is the caller). */
  STEREO_AGENT_CHANNEL: z.enum(['left', 'right']).default('left'),
  /** Largest recording `POST /api/calls` accepts (checked while it streams in). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(5 * 1024 ** 3).default(500 * 1024 * 1024),
  /** Post-call analysis: `local` rules (no keys) or `openai` (any OpenAI-compatible server; falls back to local). */
  ANALYZER: z.enum(['local', 'openai']).default('local'),
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  /** e.g. http://jetson:8080/v1 (llama.cpp), http://gpu:8000/v1 (vLLM), http://host:11434/v1 (Ollama); must end in /v1. */
  OPENAI_BASE_URL: optionalUrl.refine((url) => url === undefined || /\/v1\/?$/.test(url), 'must end in /v1'),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Characters of numbered transcript per analysis request (~4 per token); longer calls are analysed in chunks and merged. */
  OPENAI_MAX_TRANSCRIPT_CHARS: z.coerce.number().int().min(500).max(2_000_000).default(48_000),
  /** Analysis jobs this process runs at once (0: enqueue only, `npm run worker` elsewhere does the work). */
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(1),
  /** A job whose worker died is retried after this long. */
  ANALYSIS_JOB_EXPIRE_S: z.coerce.number().int().min(1).max(24 * 3600).default(900),
  ANALYSIS_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(3),
  /** Remove emails, phone/card numbers and dates of birth from transcripts and analyses before they are stored. */
  REDACT_PII: flag.default(false),
  /** Bulk import: allow sources on loopback/private/link-local addresses (tests, an intranet file server). Off by default (SSRF). */
  IMPORT_ALLOW_PRIVATE: flag.default(false),
  /** Largest file a bulk import downloads (enforced while streaming). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(20 * 1024 ** 3).default(500 * 1024 * 1024),
  /** Most audio files one import job takes from its source. */
  IMPORT_MAX_FILES: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** How deep an import follows sub-folders of a directory listing. */
  IMPORT_MAX_DEPTH: z.coerce.number().int().min(0).max(20).default(3),
  /** Imported files this process downloads, converts and analyses at once (0: leave them to workers). */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  IMPORT_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** A download that receives no byte for this long fails. */
  IMPORT_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** A file whose worker has not reported progress for this long is presumed dead and taken over. */
  IMPORT_STALE_AFTER_S: z.coerce.number().int().min(2).max(3600).default(60),
  POCKETSPHINX_MODEL_DIR: z.string().min(1).default('/usr/share/pocketsphinx/model/en-us'),
  /** Concurrent live streams the local engine accepts; more are refused with a clear error. */
  LOCAL_STT_MAX_STREAMS: z.coerce.number().int().min(1).max(256).default(8),
  /** Worker threads running PocketSphinx decoders (CPU bound: at most the core count helps). */
  LOCAL_STT_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  /** Serves `GET /metrics` on the gateway's port to `Authorization: Bearer <token>`; unset: no /metrics there. */
  METRICS_TOKEN: unsetIfEmpty(z.string().trim().min(16, 'must be at least 16 characters').optional()),
  /** A separate, unauthenticated `GET /metrics` listener (gateways and workers); 0 picks a free port; unset: none. */
  METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65_535).optional()),
  /** Interface of the METRICS_PORT listener; default HOST. */
  METRICS_HOST: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string; sttProviders: ProviderName[] };

/** Every setting's name (the deployment test checks that .env.example documents each). */
export const CONFIG_KEYS = Object.keys(configSchema.shape);

/** Reads and validates the environment; the only place in the server that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const sttProviders = [...new Set(parsed.data.STT_PROVIDERS ?? [parsed.data.STT_PROVIDER])];
  const missing: string[] = [];
  if (sttProviders.includes('deepgram') && !parsed.data.DEEPGRAM_API_KEY) missing.push('STT provider deepgram needs DEEPGRAM_API_KEY');
  if (sttProviders.includes('whisperlive') && !parsed.data.WHISPERLIVE_URLS) missing.push('STT provider whisperlive needs WHISPERLIVE_URLS');
  if (parsed.data.ANALYZER === 'openai' && !parsed.data.OPENAI_API_KEY) missing.push('ANALYZER openai needs OPENAI_API_KEY (any non-empty value for servers without keys)');
  if (missing.length > 0) throw new Error(`Invalid configuration:\n  ${missing.join('\n  ')}`);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR), sttProviders };
}
