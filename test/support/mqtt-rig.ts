import { after, before } from 'node:test';
import { startBroker, type Broker } from './mosquitto.ts';
import { mqttConfig } from './mqtt-config.ts';
import { MqttWatcher } from './mqtt-watcher.ts';
import { startServer, type RunningServer } from './server.ts';

/** A test file's mosquitto, a client watching it, and an auxio on it; `server` may be replaced (a restart). */
export interface MqttRig {
  broker: Broker;
  watcher: MqttWatcher;
  server: RunningServer;
}

/**
 * Before the file's tests: a real mosquitto, a watcher subscribed to `subscribe`, and auxio with
 * `mqttConfig(broker, mqtt, rest)`, ready once its first publication ends (relay 1's `OFF`).
 * After them, all three are stopped.
 * @example const rig = auxioOnBroker({ subscribe: 'auxio/#' });
 */
export function auxioOnBroker(options: { subscribe: string; mqtt?: Record<string, unknown>; rest?: Record<string, unknown> }): MqttRig {
  const rig = {} as MqttRig;
  before(async () => {
    rig.broker = await startBroker();
    rig.watcher = await MqttWatcher.connect(rig.broker.url);
    await rig.watcher.subscribe(options.subscribe);
    rig.server = await startServer({ config: mqttConfig(rig.broker, options.mqtt, options.rest) });
    // The relay's state is the last message of the first publication.
    await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'OFF');
  });
  after(async () => {
    await rig.server?.stop();
    await rig.watcher?.close();
    await rig.broker?.close();
  });
  return rig;
}
