import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  MADOGUCHI_DATA_DIR: z.string().min(1).default('./data'),
  MADOGUCHI_SEED_DEMO: bool.default(true),
  MADOGUCHI_DEMO_SIMULATION: bool.default(false),
  MADOGUCHI_PUBLIC_URL: z.string().url().optional(),
  /** Where Twilio's REST API is reached instead of https://api.twilio.com (a proxy, a test double). */
  MADOGUCHI_TWILIO_API_URL: z.string().url().regex(/^https?:\/\//i, 'must be an http(s) URL').optional(),
  MADOGUCHI_TRUST_PROXY: bool.default(false),
  MADOGUCHI_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  MADOGUCHI_CORS_ORIGINS: z.string().default(''),
  MADOGUCHI_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  MADOGUCHI_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Signs the public portal's form tokens; every node of one installation needs the same value. */
  MADOGUCHI_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  seedDemo: boolean;
  /** `serve` runs a light contact simulation (simulated agents and callers) so the wallboard lives. */
  demoSimulation: boolean;
  publicUrl: string | null;
  /** Base URL that replaces https://api.twilio.com for Twilio's REST API (click-to-call); null: Twilio's own hosts. */
  twilioApiUrl: string | null;
  trustProxy: boolean;
  /** 'auto': Secure when the request came over https (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  corsOrigins: string[];
  sessionTtlHours: number;
  loginRateLimitPerMinute: number;
  /** null: PGlite keeps a generated one in its data directory; PostgreSQL installations should set it. */
  secret: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; lists every bad variable at the same time. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(e.MADOGUCHI_DATA_DIR) },
    seedDemo: e.MADOGUCHI_SEED_DEMO,
    demoSimulation: e.MADOGUCHI_DEMO_SIMULATION,
    publicUrl: e.MADOGUCHI_PUBLIC_URL ?? null,
    twilioApiUrl: e.MADOGUCHI_TWILIO_API_URL?.replace(/\/+$/, '') ?? null,
    trustProxy: e.MADOGUCHI_TRUST_PROXY,
    cookieSecure: e.MADOGUCHI_COOKIE_SECURE === 'auto' ? 'auto' : e.MADOGUCHI_COOKIE_SECURE === 'true',
    corsOrigins: e.MADOGUCHI_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    sessionTtlHours: e.MADOGUCHI_SESSION_TTL_HOURS,
    loginRateLimitPerMinute: e.MADOGUCHI_LOGIN_RATE_LIMIT,
    secret: e.MADOGUCHI_SECRET ?? null,
    logLevel: e.LOG_LEVEL,
  };
}
