import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** mysql:// for MySQL, mariadb:// for MariaDB (TypeORM reads their catalogues differently). */
const DATABASE_URL_PATTERN = /^(mysql|mariadb):\/\/[^\s]+$/;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
/** Like `toBool`, and an empty value (`GRAPHQL_SANDBOX=`) means unset: the setting's default applies. */
const toOptionalBool = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : toBool({ value });

/** Every setting the platform reads from the environment, validated once at boot. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Trust X-Forwarded-* headers (client IP for login limits) when behind a load balancer. */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Matches(DATABASE_URL_PATTERN, {
    message: 'DATABASE_URL must look like mysql://user:password@host:3306/database (or mariadb://...)',
  })
  DATABASE_URL: string;

  /** Read replica for analytics reads; defaults to the primary. */
  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, {
    message:
      'ANALYTICS_DATABASE_URL must look like mysql://user:password@host:3306/database (or mariadb://...)',
  })
  ANALYTICS_DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_LOG_QUERIES = false;

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:6379/0' })
  REDIS_URL: string;

  /** Prefix for every Redis key and BullMQ queue, so several deployments (or test runs) share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'REDIS_PREFIX must be 1-40 letters, digits, - or _' })
  REDIS_PREFIX = 'jipp';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /** Access-token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Refresh-token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;

  /** Invitation lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  INVITATION_TTL_SECONDS = 7 * 86400;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;

  /**
   * Whether GraphQL requests are rate-limited per signed-in user and per client IP (counted in Redis,
   * shared by every api node). The benchmarks turn it off: their load comes from one address.
   */
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** The window every RATE_LIMIT_* count runs over; a client refused waits until its window ends. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** GraphQL queries one signed-in user may send per window (a dashboard page sends about ten). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_READS_PER_USER = 1200;

  /** GraphQL queries one client IP may send per window: an office or a mobile carrier puts many people behind one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_READS_PER_IP = 6000;

  /** Mutation fields (other than sign-ins and forum posts) one signed-in user may call per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_MUTATIONS_PER_USER = 300;

  /** Mutation fields (other than sign-ins and forum posts) one client IP may call per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_MUTATIONS_PER_IP = 1200;

  /** `login` calls per window from a signed-in user (failed sign-ins also have LOGIN_MAX_FAILURES_*). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_LOGINS_PER_USER = 20;

  /** `login` calls per window from one client IP: each costs an argon2 hash, tens of ms of CPU. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_LOGINS_PER_IP = 100;

  /** Forum `createThread`, `createPost` and `editPost` calls of one user per window (slow mode is per thread, apart). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_POSTS_PER_USER = 20;

  /** Forum `createThread`, `createPost` and `editPost` calls from one client IP per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_POSTS_PER_IP = 200;

  /**
   * Levels of nested fields an operation may ask for. Fragments add none; introspection is left to
   * graphql-js's own cap on its nesting.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /**
   * Estimated cost an operation may have: 1 a field, a list's fields times its `first` (10 without
   * one). A catalogue page of 20 costs about 850; the dashboard's overview, its dearest page, about
   * 1,030. Introspection is free.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 5000;

  /**
   * Aliased fields in one operation (`__typename` aliases are free): aliases batch many calls into one
   * request. The dashboard's largest page uses 4.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 20;

  /**
   * Lexical tokens in one GraphQL document; parsing stops at the first one past it. The dashboard's
   * largest document has about 160, the sandbox's introspection query about 190.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  GRAPHQL_MAX_TOKENS = 2000;

  /** Directives (`@include`, `@skip`, ...) in one operation, fragments counted where they are spread. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_DIRECTIVES = 20;

  /**
   * Field selections in one operation with every fragment spread expanded (Apollo's
   * maxRecursiveSelections): refuses fragment bombs before anything walks them. The sandbox's
   * introspection query has about 240, the dashboard's largest page 81.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  GRAPHQL_MAX_SELECTIONS = 1000;

  /** Bytes of a request body (a JSON GraphQL request); larger ones get 413. Uploads have their own limit. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  HTTP_MAX_BODY_BYTES = 1024 * 1024;

  /** Apollo Sandbox at GET /graphql (a browser). Unset: on, except with NODE_ENV=production. */
  @IsOptional()
  @Transform(toOptionalBool)
  @IsBoolean()
  GRAPHQL_SANDBOX?: boolean;

  /**
   * Schema introspection (and "Did you mean ...?" hints in errors, which leak the schema as well).
   * Unset: on when the sandbox is, or outside NODE_ENV=production.
   */
  @IsOptional()
  @Transform(toOptionalBool)
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  /** `jit`: operations compiled once per document by graphql-jit; `graphql-js`: the reference executor. */
  @IsIn(['jit', 'graphql-js'])
  GRAPHQL_EXECUTOR: 'jit' | 'graphql-js' = 'jit';

  /** How often the worker writes the innovation views counted in Redis to the database. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  VIEW_FLUSH_INTERVAL_SECONDS = 60;

  /** Days without any event after which the worker stalls a replication that is still being worked on. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  REPLICATION_STALL_AFTER_DAYS = 60;

  /** Minutes during which the author may edit a forum post. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1440)
  FORUM_EDIT_WINDOW_MINUTES = 15;

  /** Flags from distinct readers that hide a post automatically, pending review. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  FORUM_FLAG_HIDE_THRESHOLD = 3;

  /**
   * Whether this worker relays outbox events to the queues. Any number of workers may relay at once;
   * the test runs turn it off by default (their test files share one database).
   */
  @Transform(toBool)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  /** Outbox events one relay transaction claims and enqueues. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_RELAY_BATCH_SIZE = 200;

  /** How long the relay sleeps when it found nothing to relay (a full batch is followed at once). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_RELAY_IDLE_MS = 150;

  /** How long the relay waits for Redis to take a batch before it rolls back and retries later. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  OUTBOX_RELAY_ENQUEUE_TIMEOUT_MS = 3000;

  /**
   * Tests only (ignored unless NODE_ENV=test): the worker kills itself with SIGKILL right after it
   * enqueued a batch holding this outbox event, before marking it dispatched (the crash test).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RELAY_CRASH_AFTER_ENQUEUE?: number;

  /** Connections of the analytics read pool (the replica's, or a second small pool on the primary). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  ANALYTICS_DATABASE_POOL_SIZE = 5;

  /** Whether the dashboard, its analytics queries and live feed need a signed-in user (default: public). */
  @Transform(toBool)
  @IsBoolean()
  DASHBOARD_REQUIRE_LOGIN = false;

  /** Recipients per notification delivery job (one multi-row insert each); bigger audiences are split. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(5000)
  NOTIFICATION_CHUNK_SIZE = 500;

  /** The SMTP server e-mails go through, e.g. smtp://127.0.0.1:1025; without it e-mails are logged as skipped. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must look like smtp://host:port (or smtps://...)' })
  SMTP_URL?: string;

  /** The sender of the platform's e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'JIPP <no-reply@jipp.go.id>';

  /** The hour (Asia/Jakarta, 0-23) the daily notification digest goes out. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 7;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Public base URL used in links (invitations, e-mails). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';
}

/**
 * Validates the raw environment. Throws one error whose message names every bad or missing
 * variable on its own line, so the process refuses to start with a clear message.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const constraint = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
      return raw[e.property] === undefined
        ? `${e.property} is missing (${constraint})`
        : `${e.property}: ${constraint}`;
    });
    throw new Error(`Invalid configuration: ${lines.join('; ')}`);
  }
  return env;
}
