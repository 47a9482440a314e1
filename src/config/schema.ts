import { z } from 'zod';
import { inputSchema, ioSchema, outputSchema } from './io-schema.ts';

// One schema gives the config's type, its defaults and its checks. Keys are snake_case, as in the
// YAML file; unknown keys are refused so that a typo is named instead of silently ignored.

const tlsSchema = z
  .object({
    /** PEM certificate (with its chain) and private key files; relative paths from the working folder. */
    cert: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    /** No certificate of your own: auxio makes one once, keeps it in the data dir and reuses it. */
    self_signed: z.boolean().default(false),
  })
  .strict()
  .superRefine((tls, ctx) => {
    const given = [tls.cert, tls.key].filter((v) => v !== undefined).length;
    if (given === 1) ctx.addIssue({ code: 'custom', path: [tls.cert === undefined ? 'cert' : 'key'], message: 'cert and key go together' });
    if (given === 2 && tls.self_signed) ctx.addIssue({ code: 'custom', path: ['self_signed'], message: 'either cert and key, or self_signed: true' });
    if (given === 0 && !tls.self_signed) ctx.addIssue({ code: 'custom', path: [], message: 'give cert and key, or self_signed: true' });
  });

const httpSchema = z
  .object({
    host: z.string().min(1).default('0.0.0.0'),
    port: z.number().int().min(0).max(65_535).default(8080),
    /** The Digest realm. Changing it invalidates stored Digest credentials (HA1 includes it). */
    realm: z.string().min(1).max(128).regex(/^[^\x00-\x1f\x7f"\\]*$/, 'no control characters, quotes or backslashes (it is sent in a header)').default('auxio'),
    /** Digest challenges, in order: many clients read only the first. */
    digest_algorithms: z.array(z.enum(['MD5', 'SHA-256'])).min(1).default(['MD5']),
    /** Accept HTTP Basic logins (the seed's clients and curl --basic use it). */
    basic: z.boolean().default(true),
    body_limit_bytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
    /** Accept the factory login root/pass from other machines too (by default only from this one). */
    allow_factory_login_remote: z.boolean().default(false),
    /** HTTPS on the same port instead of HTTP (VAPIX, the WebSocket and the page alike). */
    tls: tlsSchema.optional(),
  })
  .strict();

const journalSchema = z
  .object({
    /** `normal` survives a crash of auxio (kill -9); `full` also survives power loss, at a cost per event. */
    synchronous: z.enum(['normal', 'full']).default('normal'),
    /** History kept; the oldest entries go first, checked at start and hourly. Totals and relay state stay. */
    retention: z
      .object({
        max_age_days: z.number().min(1).optional(),
        max_events: z.number().int().min(1000).optional(),
      })
      .strict()
      .default({ max_events: 1_000_000 }),
  })
  .strict();

const name = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a name is 1-32 of A-Z a-z 0-9 _ -');

const syntheticSourceSchema = z.object({ name, kind: z.literal('synthetic') }).strict();

const httpSourceSchema = z
  .object({
    name,
    kind: z.literal('http'),
    /** An upstream camera's JPEG URL, e.g. http://cam/axis-cgi/jpg/image.cgi */
    url: z.url({ protocol: /^https?$/ }),
    username: z.string().optional(),
    password: z.string().optional(),
    timeout_ms: z.number().int().min(100).max(120_000).default(5000),
  })
  .strict();

const ffmpegSourceSchema = z
  .object({
    name,
    kind: z.literal('ffmpeg'),
    /** Any ffmpeg input: /dev/video0, rtsp://…, a file. */
    input: z.string().min(1),
    /** Options before -i, e.g. [-f, v4l2] or [-rtsp_transport, tcp]. */
    input_args: z.array(z.string()).default([]),
    fps: z.number().min(0.1).max(30).default(2),
    width: z.number().int().min(16).max(7680).optional(),
    height: z.number().int().min(16).max(4320).optional(),
  })
  .strict();

const snapshotSchema = z
  .object({
    /** The source used when a command names none; the first source by default. */
    default_source: name.optional(),
    sources: z
      .array(z.discriminatedUnion('kind', [syntheticSourceSchema, httpSourceSchema, ffmpegSourceSchema]))
      .max(16)
      .default([{ name: 'synthetic', kind: 'synthetic' }]),
    width: z.number().int().min(16).max(3840).default(640),
    height: z.number().int().min(16).max(2160).default(480),
    retention: z
      .object({
        max_age_days: z.number().min(0).optional(),
        max_count: z.number().int().min(1).optional(),
        max_bytes: z.number().int().min(1).optional(),
      })
      .strict()
      .default({ max_count: 10_000 }),
    /** Pictures stop while the data dir's disk has less free, so the journal beside them never runs out. */
    min_free_bytes: z.number().int().min(0).default(64 * 1024 * 1024),
  })
  .strict()
  .superRefine((value, ctx) => {
    const names = value.sources.map((s) => s.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `duplicate source name "${n}"` });
    });
    if (value.default_source !== undefined && !names.includes(value.default_source)) {
      ctx.addIssue({ code: 'custom', path: ['default_source'], message: `no source named "${value.default_source}"` });
    }
  });

const ftpTargetSchema = z
  .object({
    name,
    kind: z.literal('ftp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(21),
    user: z.string().optional(),
    password: z.string().optional(),
    dir: z.string().default('/'),
    secure: z.boolean().default(false),
  })
  .strict();

const mailTargetSchema = z
  .object({
    name,
    kind: z.literal('mail'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(25),
    secure: z.boolean().default(false),
    user: z.string().optional(),
    password: z.string().optional(),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    subject_prefix: z.string().default('[auxio]'),
  })
  .strict();

const alertTargetSchema = z
  .object({
    name,
    kind: z.literal('alert'),
    /** An HTTP(S) URL that gets a JSON POST, or host + port for one line over TCP. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    message: z.string().optional(),
  })
  .strict()
  .refine((t) => (t.url !== undefined) !== (t.host !== undefined && t.port !== undefined), {
    message: 'an alert target has either url, or host and port',
  });

const uploadsSchema = z
  .object({
    targets: z.array(z.discriminatedUnion('kind', [ftpTargetSchema, mailTargetSchema, alertTargetSchema])).max(32).default([]),
    retry: z
      .object({
        attempts: z.number().int().min(1).max(100).default(5),
        initial_delay_ms: z.number().int().min(10).max(3_600_000).default(1000),
        max_delay_ms: z.number().int().min(10).max(86_400_000).default(60_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const topicPath = z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'levels of A-Z a-z 0-9 _ - joined by /');

const homeAssistantSchema = z
  .object({
    /** Publish discovery configs; false removes those auxio published before. */
    enabled: z.boolean().default(true),
    discovery_prefix: topicPath.default('homeassistant'),
    /** Home Assistant's birth topic: `online` there makes auxio republish configs, then states. */
    status_topic: topicPath.default('homeassistant/status'),
    /** The device's name in Home Assistant. */
    device_name: z.string().min(1).max(64).default('auxio'),
    /** Publish each stored picture's JPEG on <base>/snapshot/image for an `image` entity. */
    snapshot_image: z.boolean().default(true),
  })
  .strict();

const mqttSchema = z
  .object({
    /** The broker: mqtt://host:1883 or mqtts://host:8883. Without it auxio runs without MQTT. */
    url: z
      .url({ protocol: /^mqtts?$/ })
      .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'put credentials in username and password, not in the url')
      .optional(),
    username: z.string().min(1).max(256).optional(),
    /** Sent to the broker only, never logged. */
    password: z.string().max(256).optional(),
    /** Default auxio_<device_id>. Two clients with one id push each other off the broker. */
    client_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1-64 of A-Z a-z 0-9 _ -').optional(),
    keepalive_s: z.number().int().min(5).max(3600).default(30),
    /** 5 keeps a live command's retain flag (Retain As Published); 4 for brokers without MQTT 5. */
    protocol_version: z.union([z.literal(4), z.literal(5)]).default(5),
    /** Reconnect back-off: doubling from min to max, jittered. */
    reconnect_min_ms: z.number().int().min(10).max(600_000).default(1000),
    reconnect_max_ms: z.number().int().min(10).max(3_600_000).default(60_000),
    /** Messages held while the broker is away; a retained state counts once per topic. */
    queue_max: z.number().int().min(0).max(100_000).default(1000),
    /** auxio's topics are <base_topic>/<device_id>/… */
    base_topic: topicPath.default('auxio'),
    /** Part of topics, unique ids and entity ids (switch.<device_id>_relay1): unique per broker. */
    device_id: z.string().regex(/^[a-z0-9_]{1,32}$/, '1-32 of a-z 0-9 _').default('auxio'),
    /** The auxio role MQTT commands act with: operator switches relays and runs scripts; viewer makes MQTT read-only. */
    command_role: z.enum(['viewer', 'operator', 'admin']).default('operator'),
    /** auxio's address as others reach it: snapshot URLs and the device's link in Home Assistant. */
    public_url: z.url({ protocol: /^https?$/ }).optional(),
    home_assistant: homeAssistantSchema.prefault({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.reconnect_min_ms > value.reconnect_max_ms) {
      ctx.addIssue({ code: 'custom', path: ['reconnect_min_ms'], message: 'must not exceed reconnect_max_ms' });
    }
  });

const deviceText = (max: number) => z.string().max(max).regex(/^[^\x00-\x1f\x7f]*$/, 'no control characters');

/** Who auxio says it is to Axis clients (param.cgi, basicdeviceinfo.cgi); every key optional. */
const deviceSchema = z
  .object({
    /** 12 upper-case hex digits, at least one a letter. Absent: generated once and kept in the journal. */
    serial_number: z.string().regex(/^(?=[0-9A-F]*[A-F])[0-9A-F]{12}$/, '12 upper-case hex digits, at least one a letter').optional(),
    brand: deviceText(64).min(1).optional(),
    product_full_name: deviceText(128).min(1).optional(),
    product_number: deviceText(64).min(1).optional(),
    product_short_name: deviceText(64).min(1).optional(),
    product_type: deviceText(64).min(1).optional(),
    product_variant: deviceText(64).optional(),
    web_url: deviceText(256).optional(),
    firmware_version: z.string().regex(/^\d+\.\d+(\.\d+)*$/, 'x.y.z').optional(),
    build_date: z.string().regex(/^[A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}$/, 'e.g. Jan 01 2026 00:00').optional(),
    hardware_id: deviceText(32).min(1).optional(),
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
    snapshot: snapshotSchema.prefault({}),
    uploads: uploadsSchema.prefault({}),
    log: logSchema.prefault({}),
    mqtt: mqttSchema.prefault({}),
    device: deviceSchema.prefault({}),
  })
  .strict();

/** The validated config: every default filled in. */
export type Config = z.infer<typeof configSchema>;
export type InputConfig = z.infer<typeof inputSchema>;
export type OutputConfig = z.infer<typeof outputSchema>;
export type SnapshotSourceConfig = Config['snapshot']['sources'][number];
export type UploadTargetConfig = Config['uploads']['targets'][number];
