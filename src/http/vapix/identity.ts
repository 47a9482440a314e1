import { randomBytes } from 'node:crypto';
import type { Journal } from '../../journal/index.ts';
import type { Config } from '../../config/index.ts';

/** Who auxio says it is to Axis clients (param.cgi root.Brand/root.Properties, basicdeviceinfo.cgi). */
export interface DeviceIdentity {
  /** 12 hex digits with at least one letter (docs/vapix.md §2.4: an all-digit serial parses as an int and breaks Home Assistant). */
  serialNumber: string;
  brand: string;
  prodFullName: string;
  prodNbr: string;
  prodShortName: string;
  prodType: string;
  prodVariant: string;
  webUrl: string;
  /** `x.y.z`: a bare `12` would parse as an int in the axis library. */
  firmwareVersion: string;
  /** `%b %d %Y %H:%M`, as Axis writes it. */
  buildDate: string;
  buildNumber: string;
  hardwareId: string;
  architecture: string;
  soc: string;
  socSerialNumber: string;
}

/** The `device:` config section. */
export type DeviceConfig = Config['device'];

/** Defaults until the config names them. Not Axis's: auxio must never pass for an Axis product. */
export const DEVICE_DEFAULTS = {
  brand: 'auxio',
  product_full_name: 'auxio Network I/O Server',
  product_short_name: 'auxio',
  product_type: 'Network I/O Relay Module',
  product_variant: '',
  web_url: '',
  // When this VAPIX face was written; the config may name a release's own date.
  build_date: 'Jan 01 2026 00:00',
  build_number: '1',
  hardware_id: 'AUX1',
  soc: 'auxio',
} as const;

/** A valid serial: 12 upper-case hex digits, at least one a letter. */
export const SERIAL_PATTERN = /^(?=[0-9A-F]*[A-F])[0-9A-F]{12}$/;

/** Where a generated serial is kept, so it stays the same across restarts (Home Assistant keys the device on it). */
const SERIAL_STATE_KEY = 'vapix.serial_number';

export interface IdentityOptions {
  config?: DeviceConfig;
  /** auxio's version: the firmware version unless the config names one. */
  version: string;
  inputs: number;
  outputs: number;
  journal: Pick<Journal, 'getState' | 'putState'>;
}

/** The identity from config, defaults, the channel counts and the stored serial. */
export function resolveIdentity(o: IdentityOptions): DeviceIdentity {
  const c = o.config ?? {};
  const serialNumber = c.serial_number ?? storedSerial(o.journal);
  return {
    serialNumber,
    brand: c.brand ?? DEVICE_DEFAULTS.brand,
    prodFullName: c.product_full_name ?? DEVICE_DEFAULTS.product_full_name,
    prodNbr: c.product_number ?? `AUXIO-${o.inputs}I${o.outputs}R`,
    prodShortName: c.product_short_name ?? DEVICE_DEFAULTS.product_short_name,
    prodType: c.product_type ?? DEVICE_DEFAULTS.product_type,
    prodVariant: c.product_variant ?? DEVICE_DEFAULTS.product_variant,
    webUrl: c.web_url ?? DEVICE_DEFAULTS.web_url,
    firmwareVersion: c.firmware_version ?? o.version,
    buildDate: c.build_date ?? DEVICE_DEFAULTS.build_date,
    buildNumber: DEVICE_DEFAULTS.build_number,
    hardwareId: c.hardware_id ?? DEVICE_DEFAULTS.hardware_id,
    architecture: architecture(process.arch),
    soc: DEVICE_DEFAULTS.soc,
    socSerialNumber: `00000000-00000000-${serialNumber.slice(0, 8)}-0000${serialNumber.slice(8)}`,
  };
}

/** The serial kept in the journal's state, made on first use. */
function storedSerial(journal: IdentityOptions['journal']): string {
  const stored = journal.getState<string>(SERIAL_STATE_KEY);
  if (typeof stored === 'string' && SERIAL_PATTERN.test(stored)) return stored;
  const serial = generateSerial();
  journal.putState({ [SERIAL_STATE_KEY]: serial });
  return serial;
}

/**
 * `02` + 10 random hex digits: a locally administered MAC-style id (Home Assistant turns the serial
 * into a MAC for its unique id), never an Axis vendor prefix, with at least one letter.
 */
export function generateSerial(random: (n: number) => Buffer = randomBytes): string {
  const serial = `02${random(5).toString('hex').toUpperCase()}`;
  return SERIAL_PATTERN.test(serial) ? serial : `${serial.slice(0, 11)}A`;
}

/** Node's arch as `uname -m` writes it (Axis reports e.g. `armv7hf`, `aarch64`). */
function architecture(arch: string): string {
  const names: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', arm: 'armv7l', ia32: 'i686' };
  return names[arch] ?? arch;
}
