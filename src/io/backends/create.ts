import type { BackendConfig } from '../../config/index.ts';
import type { IoBackend } from '../backend.ts';
import { SimBackend } from './sim.ts';

type Maker<K extends BackendConfig['kind']> = (config: Extract<BackendConfig, { kind: K }>, pins: { inputs: number; outputs: number }) => Promise<IoBackend>;

// One maker per kind; each loads its module only when that kind is configured.
const makers: { [K in BackendConfig['kind']]: Maker<K> } = {
  sim: async (_c, pins) => new SimBackend(pins),
  gpiochip: async (c) => {
    const { GpiochipBackend } = await import('./gpiochip.ts');
    return new GpiochipBackend({
      chip: c.chip,
      inputs: c.inputs.map((i) => ({ line: i.line, bias: i.bias, activeLow: i.active_low })),
      outputs: c.outputs.map((o) => ({ line: o.line, activeLow: o.active_low })),
      toolsDir: c.tools_dir,
    });
  },
  'modbus-tcp': async (c) => {
    const { ModbusTcpBackend } = await import('./modbus-tcp.ts');
    return new ModbusTcpBackend({ host: c.host, port: c.port, unitId: c.unit_id, pollMs: c.poll_ms, timeoutMs: c.timeout_ms, inputs: c.inputs, outputs: c.outputs });
  },
  'usb-relay': async (c) => {
    const { UsbRelayBackend } = await import('./usb-relay.ts');
    return new UsbRelayBackend({ path: c.path, channels: c.channels, baudRate: c.baud_rate });
  },
};

/** Builds one configured backend with the given pin counts (the simulator's come from its channels). */
export function createBackend(config: BackendConfig, pins: { inputs: number; outputs: number }): Promise<IoBackend> {
  return (makers[config.kind] as Maker<typeof config.kind>)(config as never, pins);
}
