import { channelBindings, pinCounts, type IoConfig } from '../config/index.ts';
import type { Journal } from '../journal/index.ts';
import type { IoBackend } from './backend.ts';
import { createBackend } from './backends/create.ts';
import { IoHub } from './hub.ts';

/** The hub on the configured backends, each channel bound to its backend's pin; backends by name. */
export async function buildHub(io: IoConfig, journal: Journal): Promise<{ hub: IoHub; backends: Map<string, IoBackend> }> {
  const bindings = channelBindings(io);
  const backends = new Map<string, IoBackend>();
  for (const [name, config] of Object.entries(io.backends)) {
    const bound = {
      inputs: Math.max(0, ...bindings.inputs.filter((b) => b.backend === name).map((b) => b.pin + 1)),
      outputs: Math.max(0, ...bindings.outputs.filter((b) => b.backend === name).map((b) => b.pin + 1)),
    };
    backends.set(name, await createBackend(config, pinCounts(config, bound)));
  }
  const bind = (b: { backend: string; pin: number }) => ({ backend: backends.get(b.backend)!, pin: b.pin });
  const hub = new IoHub({
    journal,
    inputs: io.inputs.map((config, i) => ({ config, binding: bind(bindings.inputs[i]!) })),
    outputs: io.outputs.map((config, i) => ({ config, binding: bind(bindings.outputs[i]!) })),
  });
  return { hub, backends };
}
