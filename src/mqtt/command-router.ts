import { roleAllows, type Role } from '../http/auth/index.ts';
import type { OutputState, RelayControl } from '../io/index.ts';
import { parseButtonPress, parseRelayCommand, type RelayCommand } from './commands.ts';
import type { MqttConnection, MqttMessage } from './connection.ts';
import type { MqttLog } from './log.ts';
import { RecentMessages } from './recent-messages.ts';
import { parseCommandTopic, type CommandTarget, type DeviceTopics } from './topics.ts';

/** The narrow capability to run script entries by hand (the engine has it). */
export interface ScriptRunner {
  entries(): readonly unknown[];
  runByHand(index: number, actor: string): boolean;
}

/** What the command router is handed, as one typed object. */
export interface CommandRouterDeps {
  connection: Pick<MqttConnection, 'subscribe'>;
  topics: DeviceTopics;
  relays: RelayControl;
  scripts: ScriptRunner;
  /** The role MQTT commands act with (config `command_role`). */
  role: Role;
  /** Recorded in the journal: `mqtt:<user-or-client>`. */
  actor: string;
  log: MqttLog;
}

/** What became of one command message. */
export type CommandOutcome = 'applied' | 'retained' | 'repeat' | 'bad-payload' | 'unknown-target' | 'failed';

/** The role each command needs, as over HTTP (PUT /api/v1/outputs, POST …/entries/{n}/run). */
const NEEDS: Readonly<Record<CommandTarget['kind'], Role>> = { relay: 'operator', script: 'operator' };

type RelayAction = (relays: RelayControl, index: number, command: RelayCommand, actor: string) => Promise<OutputState>;

const RELAY_ACTIONS: Readonly<Record<RelayCommand['kind'], RelayAction>> = {
  on: (relays, n, _c, actor) => relays.setOutput(n, true, actor),
  off: (relays, n, _c, actor) => relays.setOutput(n, false, actor),
  toggle: (relays, n, _c, actor) => relays.toggleOutput(n, actor),
  pulse: (relays, n, c, actor) =>
    relays.pulseOutput(n, (c.kind === 'pulse' ? c.ms : null) ?? relays.outputs()[n - 1]!.pulseMs, actor),
};

/**
 * Takes commands from `relay/<n>/set` and `script/<n>/run` and applies them through the same
 * capabilities HTTP uses. A command that arrives retained is ignored (a retained `ON` would switch
 * the relay again on every reconnect), and a QoS 1 resend is applied once.
 */
export class CommandRouter {
  readonly #d: CommandRouterDeps;
  readonly #recent = new RecentMessages();
  #unsubscribe: Array<() => void> = [];

  constructor(deps: CommandRouterDeps) {
    this.#d = deps;
  }

  /** Subscribes to the command topics the role allows; a `viewer` role subscribes to none. */
  start(): void {
    const { connection, topics, role, log } = this.#d;
    const filters: Record<CommandTarget['kind'], string> = { relay: topics.relaySetFilter, script: topics.scriptRunFilter };
    for (const kind of Object.keys(filters) as Array<CommandTarget['kind']>) {
      if (!roleAllows(role, NEEDS[kind])) continue;
      // Retain As Published: a live message published retained still shows its flag (MQTT 5).
      this.#unsubscribe.push(connection.subscribe(filters[kind], (m) => void this.handle(m), { qos: 1, retainAsPublished: true }));
    }
    if (this.#unsubscribe.length === 0) log.info({ role }, 'MQTT is read-only: command_role allows no commands');
  }

  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
  }

  /** Applies one message from a command topic. */
  async handle(message: MqttMessage): Promise<CommandOutcome> {
    const { topics, log } = this.#d;
    const target = parseCommandTopic(topics, message.topic);
    if (!target || !roleAllows(this.#d.role, NEEDS[target.kind])) {
      log.warn({ topic: message.topic }, 'MQTT command for nothing auxio has: ignored');
      return 'unknown-target';
    }
    if (message.retain) {
      log.warn({ topic: message.topic }, 'MQTT command arrived retained: ignored (commands must not be published retained)');
      return 'retained';
    }
    if (this.#recent.isRepeat(message)) {
      log.debug({ topic: message.topic, messageId: message.messageId }, 'MQTT command delivered again: applied once');
      return 'repeat';
    }
    return target.kind === 'relay' ? this.#relay(target.index, message) : this.#script(target.index, message);
  }

  async #relay(index: number, message: MqttMessage): Promise<CommandOutcome> {
    const { relays, actor, log } = this.#d;
    const parsed = parseRelayCommand(message.payload);
    if (!parsed.ok) return this.#refuse(message, parsed.reason);
    if (index > relays.outputs().length) return this.#refuse(message, `there is no relay ${index}`, 'unknown-target');
    try {
      const state = await RELAY_ACTIONS[parsed.command.kind](relays, index, parsed.command, actor);
      log.info({ topic: message.topic, command: parsed.command, actor, active: state.active }, 'MQTT relay command applied');
      return 'applied';
    } catch (err) {
      log.error({ err, topic: message.topic, actor }, 'MQTT relay command failed');
      return 'failed';
    }
  }

  #script(index: number, message: MqttMessage): CommandOutcome {
    const parsed = parseButtonPress(message.payload);
    if (!parsed.ok) return this.#refuse(message, parsed.reason);
    if (!this.#d.scripts.runByHand(index, this.#d.actor)) return this.#refuse(message, `there is no script entry ${index}`, 'unknown-target');
    this.#d.log.info({ topic: message.topic, actor: this.#d.actor }, 'MQTT script entry run by hand');
    return 'applied';
  }

  #refuse(message: MqttMessage, reason: string, outcome: CommandOutcome = 'bad-payload'): CommandOutcome {
    // JSON.stringify escapes CR/LF and control characters: a payload cannot forge log lines.
    const payload = JSON.stringify(message.payload.subarray(0, 64).toString('utf8'));
    this.#d.log.warn({ topic: message.topic, payload, reason }, 'MQTT command refused');
    return outcome;
  }
}
