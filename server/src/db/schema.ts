import { BULK_IMPORT_FILE_STATUSES, BULK_IMPORT_STATUSES, ROLES, type CallAnalysis } from '@call-assist/shared';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Bumped on every talking-point edit so every gateway can tell its compiled rules are stale. */
  rulesVersion: integer('rules_version').notNull().default(1),
  createdAt: createdAt(),
});

/** Every table of customer data carries its organisation; deleting the organisation deletes its rows. */
const orgIdColumn = () =>
  uuid('org_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' });

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    /** Lower-cased; unique across organisations, so a login names exactly one account. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Argon2id, in the PHC string format (algorithm, parameters and salt included). */
    passwordHash: text('password_hash').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Failed logins since the last success; drives the lockout. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  // (org_id, id) is unique so that calls can reference a user *of their own organisation*
  // (calls_owner_in_org_fk, drizzle/0006): no row can make one organisation's user own another's call.
  (table) => [uniqueIndex('users_email_idx').on(table.email), uniqueIndex('users_org_id_id_idx').on(table.orgId, table.id)],
);

/** A logged-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    createdAt: createdAt(),
    /** Sliding: moved forward on use (at most once a minute), never past `absoluteExpiresAt`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId), index('sessions_expires_idx').on(table.expiresAt)],
);

/** An admin's invitation to join the organisation; the token (hashed here) travels in the link. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('invitations_token_idx').on(table.tokenHash), index('invitations_org_idx').on(table.orgId)],
);

export const talkingPoints = pgTable(
  'talking_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    speaker: text('speaker', { enum: ['caller', 'agent', 'any'] }).notNull().default('any'),
    cooldownMs: integer('cooldown_ms'),
    priority: integer('priority').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('talking_points_org_idx').on(table.orgId)],
);

export const triggerPhrases = pgTable(
  'trigger_phrases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    talkingPointId: uuid('talking_point_id')
      .notNull()
      .references(() => talkingPoints.id, { onDelete: 'cascade' }),
    /** As the admin wrote it; normalisation happens when the matcher is built. */
    phrase: text('phrase').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [index('trigger_phrases_point_idx').on(table.orgId, table.talkingPointId)],
);

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    source: text('source', { enum: ['live', 'import'] }).notNull(),
    /**
     * The rep who took a live call (reps see only their own calls); null for imports. Kept if the user
     * goes. Also constrained to a user of the call's organisation by calls_owner_in_org_fk
     * (drizzle/0006, hand-written: drizzle cannot say ON DELETE SET NULL (user_id)).
     */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A name for lists: the uploaded or imported file's name; null for live calls. */
    title: text('title'),
    /** `suspended`: its gateway shut down mid-call; the rep's reconnect resumes it on any gateway. */
    status: text('status', { enum: ['created', 'live', 'suspended', 'ended', 'interrupted', 'failed'] })
      .notNull()
      .default('created'),
    /** When the call was suspended; one not resumed within the grace period ends as interrupted. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    sttProvider: text('stt_provider'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Key of the call's WAV in the blob store. */
    audioKey: text('audio_key'),
    audioDurationMs: integer('audio_duration_ms'),
    analysisStatus: text('analysis_status', { enum: ['none', 'pending', 'processing', 'completed', 'failed'] })
      .notNull()
      .default('none'),
    /** Why the last analysis failed, for the review page (no transcript content). */
    analysisError: text('analysis_error'),
    /** Manager's tags, replacing the analysis' tags when set. */
    tagsOverride: jsonb('tags_override').$type<string[]>(),
    /** Speech-engine failovers during the call, in order. */
    providerSwitches: jsonb('provider_switches')
      .$type<{ atMs: number; from: string; to: string; reason: string }[]>()
      .notNull()
      .default([]),
    /** Interleaved channels of the live call's audio (and its recording), and who each carries (`any`: unlabelled). */
    audioChannels: integer('audio_channels').notNull().default(1),
    channelRoles: jsonb('channel_roles').$type<('agent' | 'caller' | 'any')[]>().notNull().default([]),
    /** Stretches of call audio the rep had muted (silent in the recording, nothing recognised); `endMs` null while muted. */
    mutedSpans: jsonb('muted_spans').$type<{ startMs: number; endMs: number | null }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (table) => [index('calls_org_created_idx').on(table.orgId, table.createdAt), index('calls_org_user_created_idx').on(table.orgId, table.userId, table.createdAt)],
);

export const transcriptSegments = pgTable(
  'transcript_segments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: orgIdColumn(),
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    speaker: text('speaker', { enum: ['caller', 'agent', 'any'] }),
    /** The audio channel it was heard on, for a two-channel live call. */
    channel: integer('channel'),
    text: text('text').notNull(),
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms').notNull(),
    words: jsonb('words').$type<{ word: string; startMs: number; endMs: number }[]>(),
  },
  // Unique per call and position: a retried write is idempotent.
  (table) => [
    uniqueIndex('transcript_segments_call_seq_idx').on(table.orgId, table.callId, table.seq),
    // Full-text search of transcripts (GET /api/calls?q=).
    index('transcript_segments_text_search_idx').using('gin', sql`to_tsvector('english', ${table.text})`),
  ],
);

export const cardEvents = pgTable(
  'card_events',
  {
    id: uuid('id').primaryKey(),
    orgId: orgIdColumn(),
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    /** Kept when the talking point is later deleted, so call history stays whole. */
    talkingPointId: uuid('talking_point_id').references(() => talkingPoints.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    phrase: text('phrase').notNull(),
    source: text('source', { enum: ['partial', 'final'] }).notNull(),
    audioMs: integer('audio_ms').notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
    audioToCardMs: doublePrecision('audio_to_card_ms').notNull(),
    feedback: text('feedback', { enum: ['used', 'dismissed'] }),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [index('card_events_call_idx').on(table.orgId, table.callId)],
);

/** One analysis per call: a retried or re-run job replaces it (idempotent on call_id). */
export const callAnalyses = pgTable(
  'call_analyses',
  {
    callId: uuid('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    /** e.g. `local`, `openai:gpt-4o-mini`, or `local (fallback from openai)`. */
    analyzer: text('analyzer').notNull(),
    category: text('category', { enum: ['consult_scheduled', 'consult_not_scheduled', 'other_question'] }).notNull(),
    result: jsonb('result').$type<CallAnalysis>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('call_analyses_org_category_idx').on(table.orgId, table.category)],
);

/** A manager's import of one customer's recorded calls from a web location. */
export const bulkImportJobs = pgTable(
  'bulk_import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    customerName: text('customer_name').notNull(),
    /** Sanitised for storage keys: `customer-<slug>/…`. */
    customerSlug: text('customer_slug').notNull(),
    sourceUrl: text('source_url').notNull(),
    /** Batch speech engine asked for; null means the configured default. */
    provider: text('provider'),
    status: text('status', { enum: BULK_IMPORT_STATUSES }).notNull().default('discovering'),
    /** Why the whole job failed (discovery found nothing, source unreachable, …). */
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('bulk_import_jobs_org_created_idx').on(table.orgId, table.createdAt)],
);

/** One discovered audio file of a bulk import; its own job, processed exactly once. */
export const bulkImportFiles = pgTable(
  'bulk_import_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => bulkImportJobs.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: BULK_IMPORT_FILE_STATUSES }).notNull().default('pending'),
    error: text('error'),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    bytes: integer('bytes'),
    /** As ffprobe names it (wav, mp3, ogg, flac, mov,mp4,m4a…, matroska,webm). */
    format: text('format'),
    durationMs: integer('duration_ms'),
    /** Blob keys of the file as downloaded and of its 16 kHz WAV. */
    originalKey: text('original_key'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * The worker run that owns the file while it is being processed. A run whose heartbeat
     * (updated_at) went stale is presumed dead and the file is claimed again; the old run's writes,
     * guarded by this id, then change nothing.
     */
    claimId: uuid('claim_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Discovery deduplicates; a re-run of discovery after a restart inserts nothing twice.
    uniqueIndex('bulk_import_files_job_url_idx').on(table.jobId, table.url),
    index('bulk_import_files_org_job_idx').on(table.orgId, table.jobId, table.status),
  ],
);

