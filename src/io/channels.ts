/** What the hub knows of one input, as readers see it. */
export interface InputState {
  /** `input1`, `input2`, … */
  id: string;
  /** 1-based, as in input.txt and the script's `I1`. */
  index: number;
  name: string;
  /** Logical level after inversion: 1 high (active), 0 low. */
  level: 0 | 1;
  /** One-to-zero transitions since auxio first ran: never goes backwards. */
  pulses: number;
  /** When the level last changed (ms epoch), null if never seen changing. */
  lastChange: number | null;
  /** Set while the backend has lost the hardware: the level is then unknown, not zero. */
  fault: string | null;
  /** Active-low: a low pin reads as 1. VAPIX shows the default (false) as Input.Trig=closed, true as open. */
  invert: boolean;
}

/** What the hub knows of one output (relay). */
export interface OutputState {
  /** `output1`, … */
  id: string;
  index: number;
  name: string;
  active: boolean;
  /** Deadline of a running timed pulse (ms epoch), or null. */
  pulseUntil: number | null;
  lastChange: number | null;
  fault: string | null;
  /** Active drives the pin low. */
  invert: boolean;
  /** Default pulse length (ms): the web page's pulse button, `relay -pulse` without a length. */
  pulseMs: number;
}

/** Settings of a channel that can change while auxio runs (VAPIX param.cgi update, the web page). */
export interface ChannelSettings {
  name?: string;
  invert?: boolean;
  /** Outputs only. */
  pulseMs?: number;
}

/** The narrow capability to change channel settings; each change is journaled and survives a restart. */
export interface ChannelConfigurator {
  configureInput(index: number, settings: ChannelSettings, actor: string): InputState;
  configureOutput(index: number, settings: ChannelSettings, actor: string): Promise<OutputState>;
}

/** One line of input.txt: the interval since the previous read. */
export interface IntervalReport {
  index: number;
  current: 0 | 1;
  last: 0 | 1;
  /** When the previous read happened (ms epoch): input.txt prints it as HH.MM. */
  previousReadAt: number;
  pulse: number;
}

/** The narrow capability to drive outputs: what the HTTP layer, scripts and MQTT get. */
export interface RelayControl {
  outputs(): OutputState[];
  setOutput(index: number, active: boolean, actor: string): Promise<OutputState>;
  toggleOutput(index: number, actor: string): Promise<OutputState>;
  /** On now, off after `ms`; the deadline is journaled and survives a restart. */
  pulseOutput(index: number, ms: number, actor: string): Promise<OutputState>;
}

/** The narrow capability to read inputs. */
export interface InputReader {
  inputs(): InputState[];
  /** input.txt: reports each input's interval since the previous read; starts a new one unless `peek`. */
  readInterval(options?: { peek?: boolean }): IntervalReport[];
}

export const inputId = (index: number): string => `input${index}`;
export const outputId = (index: number): string => `output${index}`;
