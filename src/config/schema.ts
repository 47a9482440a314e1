import { z } from 'zod';

// One schema gives the config's type, its defaults and its checks. Keys are snake_case, as in the
// YAML file; unknown keys are refused so that a typo is named instead of silently ignored.

const inputSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    /** Active-low wiring: a closed contact pulling the pin low reads as 1. */
    invert: z.boolean().default(false),
    /** A level must hold this long before it counts; covers both edges. Long cables want seconds. */
    debounce_ms: z.number().int().min(0).max(60_000).default(0),
  })
  .strict();

const outputSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    invert: z.boolean().default(false),
    /** What the relay does at start-up: off, on, or restore the last state from the journal. */
    startup: z.enum(['off', 'on', 'restore']).default('off'),
    /** Default length of a pulse (the web page's pulse button, `relay -pulse` without a length). */
    pulse_ms: z.number().int().min(1).max(3_600_000).default(1000),
  })
  .strict();

const ioSchema = z
  .object({
    backend: z.enum(['sim']).default('sim'),
    inputs: z.array(inputSchema).max(64).default([{}, {}].map((x) => inputSchema.parse(x))),
    outputs: z.array(outputSchema).max(64).default([outputSchema.parse({})]),
  })
  .strict();

const httpSchema = z
  .object({
    host: z.string().min(1).default('0.0.0.0'),
    port: z.number().int().min(0).max(65_535).default(8080),
    /** The Digest realm. Changing it invalidates stored Digest credentials (HA1 includes it). */
    realm: z.string().min(1).max(128).default('auxio'),
    /** Digest challenges, in order: many clients read only the first. */
    digest_algorithms: z.array(z.enum(['MD5', 'SHA-256'])).min(1).default(['MD5']),
    /** Accept HTTP Basic logins (the seed's clients and curl --basic use it). */
    basic: z.boolean().default(true),
    body_limit_bytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
  })
  .strict();

const journalSchema = z
  .object({
    /** `normal` survives a crash of auxio (kill -9); `full` also survives power loss, at a cost per event. */
    synchronous: z.enum(['normal', 'full']).default('normal'),
  })
  .strict();

const logSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

/** The whole config file. */
export const configSchema = z
  .object({
    data_dir: z.string().min(1).default('./data'),
    http: httpSchema.prefault({}),
    io: ioSchema.prefault({}),
    journal: journalSchema.prefault({}),
    log: logSchema.prefault({}),
  })
  .strict();

/** The validated config: every default filled in. */
export type Config = z.infer<typeof configSchema>;
export type InputConfig = z.infer<typeof inputSchema>;
export type OutputConfig = z.infer<typeof outputSchema>;
