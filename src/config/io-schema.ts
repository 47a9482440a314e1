import { z } from 'zod';
import { BINARY_SENSOR_DEVICE_CLASSES } from '../mqtt/index.ts';

// The I/O section: named backends (hardware facts: which pins exist) and the channels on them
// (logical settings: names, inversion, debounce, start-up). Needs a restart to change.

const backendName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a name is 1-32 of A-Z a-z 0-9 _ -');
const line = z.union([z.number().int().min(0).max(1023), z.string().min(1).max(64)]);

const simBackend = z
  .object({
    kind: z.literal('sim'),
    /** Pins on the simulator; default: as many as the channels bound to it. */
    inputs: z.number().int().min(0).max(64).optional(),
    outputs: z.number().int().min(0).max(64).optional(),
  })
  .strict();

const gpiochipBackend = z
  .object({
    kind: z.literal('gpiochip'),
    chip: z.string().min(1).default('gpiochip0'),
    inputs: z
      .array(z.object({ line, bias: z.enum(['pull-up', 'pull-down', 'disable']).optional(), active_low: z.boolean().optional() }).strict())
      .default([]),
    outputs: z.array(z.object({ line, active_low: z.boolean().optional() }).strict()).default([]),
    /** Where libgpiod's tools are (Debian package gpiod); default: PATH. */
    tools_dir: z.string().min(1).optional(),
  })
  .strict();

const modbusBackend = z
  .object({
    kind: z.literal('modbus-tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(502),
    unit_id: z.number().int().min(0).max(255).default(1),
    poll_ms: z.number().int().min(10).max(60_000).default(100),
    timeout_ms: z.number().int().min(50).max(60_000).default(1000),
    inputs: z.array(z.object({ address: z.number().int().min(0).max(65_535), kind: z.enum(['discrete', 'register']).optional() }).strict()).default([]),
    outputs: z.array(z.object({ coil: z.number().int().min(0).max(65_535) }).strict()).default([]),
  })
  .strict();

const usbRelayBackend = z
  .object({
    kind: z.literal('usb-relay'),
    path: z.string().min(1).default('/dev/ttyUSB0'),
    channels: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
    baud_rate: z.number().int().min(1200).max(921_600).default(9600),
  })
  .strict();

export const backendSchema = z.discriminatedUnion('kind', [simBackend, gpiochipBackend, modbusBackend, usbRelayBackend]);
export type BackendConfig = z.infer<typeof backendSchema>;

const binding = {
  /** Which backend the wire is on; may be left out when there is only one. */
  backend: backendName.optional(),
  /** 0-based pin on that backend; default: the channel's position among those on the same backend. */
  pin: z.number().int().min(0).max(1023).optional(),
};

export const inputSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    /** Active-low wiring: a closed contact pulling the pin low reads as 1. */
    invert: z.boolean().default(false),
    /** A level must hold this long before it counts; covers both edges. Long cables want seconds. */
    debounce_ms: z.number().int().min(0).max(60_000).default(0),
    /** Home Assistant's binary_sensor device_class for this input (`door`: on = open); none by default. */
    device_class: z.enum(BINARY_SENSOR_DEVICE_CLASSES).optional(),
    ...binding,
  })
  .strict();

export const outputSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    invert: z.boolean().default(false),
    /** What the relay does at start-up: off, on, or restore the last state from the journal. */
    startup: z.enum(['off', 'on', 'restore']).default('off'),
    /** Default length of a pulse (the web page's pulse button, `relay -pulse` without a length). */
    pulse_ms: z.number().int().min(1).max(3_600_000).default(1000),
    ...binding,
  })
  .strict();

/** How many input and output pins a backend has. */
export function pinCounts(b: BackendConfig, bound: { inputs: number; outputs: number }): { inputs: number; outputs: number } {
  switch (b.kind) {
    case 'sim':
      return { inputs: b.inputs ?? bound.inputs, outputs: b.outputs ?? bound.outputs };
    case 'gpiochip':
    case 'modbus-tcp':
      return { inputs: b.inputs.length, outputs: b.outputs.length };
    case 'usb-relay':
      return { inputs: 0, outputs: b.channels };
  }
}

type Ctx = z.RefinementCtx;
type Channel = { backend?: string | undefined; pin?: number | undefined };

/** Resolves each channel's backend and pin, reporting every problem at its key. */
export function bindChannels(backends: Record<string, BackendConfig>, list: Channel[], side: 'inputs' | 'outputs', ctx: Ctx): Array<{ backend: string; pin: number }> {
  const names = Object.keys(backends);
  const next = new Map<string, number>();
  const used = new Set<string>();
  return list.map((c, i) => {
    const backend = c.backend ?? (names.length === 1 ? names[0]! : undefined);
    // hasOwn: "toString" or "__proto__" is no backend, though every object answers to them.
    if (backend === undefined || !Object.hasOwn(backends, backend)) {
      const message = backend === undefined ? `name one of the backends: ${names.join(', ')}` : `no backend named "${backend}"`;
      ctx.addIssue({ code: 'custom', path: [side, i, 'backend'], message });
      return { backend: backend ?? '', pin: 0 };
    }
    const pin = c.pin ?? next.get(backend) ?? 0;
    next.set(backend, pin + 1);
    if (used.has(`${backend}:${pin}`)) ctx.addIssue({ code: 'custom', path: [side, i, 'pin'], message: `pin ${pin} of "${backend}" is used twice` });
    used.add(`${backend}:${pin}`);
    return { backend, pin };
  });
}

export const ioSchema = z
  .object({
    backends: z.record(backendName, backendSchema).default({ sim: { kind: 'sim' } }),
    inputs: z.array(inputSchema).max(64).default([{}, {}].map((x) => inputSchema.parse(x))),
    outputs: z.array(outputSchema).max(64).default([outputSchema.parse({})]),
  })
  .strict()
  .superRefine((io, ctx) => {
    const inputs = bindChannels(io.backends, io.inputs, 'inputs', ctx);
    const outputs = bindChannels(io.backends, io.outputs, 'outputs', ctx);
    for (const [name, b] of Object.entries(io.backends)) {
      const bound = { inputs: inputs.filter((x) => x.backend === name).length, outputs: outputs.filter((x) => x.backend === name).length };
      const counts = pinCounts(b, bound);
      for (const [side, list] of [['inputs', inputs], ['outputs', outputs]] as const) {
        list.forEach((x, i) => {
          if (x.backend === name && x.pin >= counts[side]) {
            ctx.addIssue({ code: 'custom', path: [side, i, 'pin'], message: `"${name}" (${b.kind}) has ${counts[side]} ${side.slice(0, -1)} pins: 0-${counts[side] - 1}` });
          }
        });
      }
    }
  });

export type IoConfig = z.infer<typeof ioSchema>;

/** Each channel's backend and pin, for a config that has passed validation. */
export function channelBindings(io: IoConfig): { inputs: Array<{ backend: string; pin: number }>; outputs: Array<{ backend: string; pin: number }> } {
  const ignore = { addIssue: () => {} } as unknown as Ctx;
  return { inputs: bindChannels(io.backends, io.inputs, 'inputs', ignore), outputs: bindChannels(io.backends, io.outputs, 'outputs', ignore) };
}

/** The configured backends' kinds, e.g. `sim` or `gpiochip+modbus-tcp`. */
export function backendKinds(io: IoConfig): string {
  return [...new Set(Object.values(io.backends).map((b) => b.kind))].join('+');
}
