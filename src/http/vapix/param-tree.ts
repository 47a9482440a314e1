import type { DeviceIdentity } from './identity.ts';
import type { ImageInfo } from './vapix-context.ts';
import { activeCircuit, type Port } from './ports.ts';

// The read-only parameter tree param.cgi lists (docs/vapix.md §2.5, §2.6). Keys are kept without
// the `root.` prefix; `listParams` adds it when the client asked with it.

/** One parameter: its key below `root.` and its value. */
export type ParamLine = readonly [key: string, value: string];

/** What the tree is built from: a snapshot of identity, ports and camera. */
export interface ParamSource {
  identity: DeviceIdentity;
  ports: Port[];
  image: ImageInfo;
}

/** Sizes image.cgi is advertised with; the configured size comes first. Any size within bounds is served. */
const RESOLUTIONS = ['1920x1080', '1280x960', '1280x720', '800x600', '640x480', '640x360', '320x240', '160x120'];

/** The whole tree, group by group, in a stable order. */
export function buildParamTree(src: ParamSource): ParamLine[] {
  return [
    ...brand(src.identity),
    ...image(src.image),
    ['Input.NbrOfInputs', String(src.ports.filter((p) => p.direction === 'input').length)],
    ...src.ports.flatMap(ioPort),
    ['Output.NbrOfOutputs', String(src.ports.filter((p) => p.direction === 'output').length)],
    ...properties(src.identity, src.image),
    // The axis library reads every other child of StreamProfile as a profile; MaxGroups alone is valid (§2.5).
    ['StreamProfile.MaxGroups', '0'],
  ];
}

function brand(id: DeviceIdentity): ParamLine[] {
  return [
    ['Brand.Brand', id.brand],
    ['Brand.ProdFullName', id.prodFullName],
    ['Brand.ProdNbr', id.prodNbr],
    ['Brand.ProdShortName', id.prodShortName],
    ['Brand.ProdType', id.prodType],
    ['Brand.ProdVariant', id.prodVariant],
    ['Brand.WebURL', id.webUrl],
  ];
}

function image(img: ImageInfo): ParamLine[] {
  return [
    ['Image.I0.Enabled', 'yes'],
    ['Image.I0.Name', img.source],
    ['Image.I0.Appearance.Resolution', `${img.width}x${img.height}`],
    ['Image.I0.Appearance.Rotation', '0'],
  ];
}

/** One `IOPort.I<id>` group. Only `I<n>` children may exist under IOPort: the library reads each as a port. */
function ioPort(port: Port): ParamLine[] {
  const at = `IOPort.I${port.id}`;
  const common: ParamLine[] = [
    [`${at}.Configurable`, 'no'],
    [`${at}.Direction`, port.direction],
    [`${at}.Usage`, ''],
  ];
  if (port.direction === 'input') {
    return [...common, [`${at}.Input.Name`, port.state.name], [`${at}.Input.Trig`, activeCircuit(port)]];
  }
  return [
    ...common,
    [`${at}.Output.Active`, activeCircuit(port)],
    [`${at}.Output.Button`, 'none'],
    [`${at}.Output.DelayTime`, '0'],
    [`${at}.Output.Mode`, 'bistable'],
    [`${at}.Output.Name`, port.state.name],
    [`${at}.Output.PulseTime`, String(port.state.pulseMs)],
  ];
}

/**
 * Left out on purpose (docs/vapix.md §2.5): `Image.Format` (Home Assistant would make a camera that
 * also needs mjpg/video.cgi, not served yet), `PTZ.*`, `LightControl.*`, `EmbeddedDevelopment.*` and
 * `IO.ManualTriggerNbr` (each makes clients call APIs auxio does not have).
 */
function properties(id: DeviceIdentity, img: ImageInfo): ParamLine[] {
  const own = `${img.width}x${img.height}`;
  return [
    ['Properties.API.HTTP.AdminPath', '/'],
    ['Properties.API.HTTP.Version', '3'],
    ['Properties.API.Metadata.Metadata', 'no'],
    ['Properties.API.Metadata.Version', '1.0'],
    ['Properties.ApiDiscovery.ApiDiscovery', 'yes'],
    ['Properties.Firmware.BuildDate', id.buildDate],
    ['Properties.Firmware.BuildNumber', id.buildNumber],
    ['Properties.Firmware.Version', id.firmwareVersion],
    ['Properties.HTTPS.HTTPS', 'no'],
    ['Properties.Image.NbrOfViews', '1'],
    ['Properties.Image.Resolution', [own, ...RESOLUTIONS.filter((r) => r !== own)].join(',')],
    ['Properties.Image.Rotation', '0'],
    ['Properties.System.Architecture', id.architecture],
    ['Properties.System.HardwareID', id.hardwareId],
    ['Properties.System.Language', 'English'],
    ['Properties.System.LanguageType', 'default'],
    ['Properties.System.SerialNumber', id.serialNumber],
    ['Properties.System.Soc', id.soc],
  ];
}

/**
 * The listing for `group=` values, in the order asked. A group asked as `root.X` lists `root.`-prefixed
 * lines, one asked as `X` lists bare ones, and a single parameter echoes the asked spelling (Network
 * Optix compares names exactly; docs/vapix.md §2.2). Names match case-insensitively; `*` matches one
 * level. A group with no parameter gives Axis's error line, and the others are still listed.
 * @example listParams(tree, ['root.Brand.ProdNbr']) // ['root.Brand.ProdNbr=AUXIO-2I1R']
 */
export function listParams(tree: readonly ParamLine[], groups: readonly string[]): string[] {
  if (groups.length === 0) return tree.map(([k, v]) => `root.${k}=${clean(v)}`);
  return groups.flatMap((group) => listGroup(tree, group));
}

function listGroup(tree: readonly ParamLine[], group: string): string[] {
  const rooted = /^root(\.|$)/i.test(group);
  const asked = rooted ? group.slice(5) : group;
  const pattern = asked === '' ? [] : asked.split('.');
  const prefix = rooted ? 'root.' : '';
  const lines = tree
    .filter(([key]) => matches(pattern, key.split('.')))
    .map(([key, value]) => `${prefix}${echoKey(pattern, key)}=${clean(value)}`);
  return lines.length > 0 ? lines : [`# Error: Error -1 getting param in group '${clean(group)}'`];
}

function matches(pattern: string[], key: string[]): boolean {
  if (pattern.length > key.length) return false;
  return pattern.every((p, i) => p === '*' || p.toLowerCase() === key[i]!.toLowerCase());
}

/** The key with its asked part spelled as asked (wildcards keep the real names). */
function echoKey(pattern: string[], key: string): string {
  const parts = key.split('.');
  pattern.forEach((p, i) => {
    if (p !== '*') parts[i] = p;
  });
  return parts.join('.');
}

/** A value (or echoed name) never breaks the line format, nor carries a NUL or terminal escape. */
function clean(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]+/g, ' ');
}
