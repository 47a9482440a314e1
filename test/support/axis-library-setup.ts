import { formatMac, required, type AxisLibraryClient } from './axis-library-client.ts';

// `Vapix.initialize()` and Home Assistant's device set-up as docs/vapix.md §7.2 describes them,
// with the library's strict decoders (§2.5, §3.2, §4.1, §4.2): any missing key throws, as the
// KeyError that would abort Home Assistant's set-up.

/** One I/O port as the library keeps it (`vapix.ports`), keyed by its string id. */
export interface LibraryPort {
  name: string;
  direction: string;
  state?: string;
}

/** What Home Assistant ends up knowing about the device. */
export interface AxisDevice {
  /** API id → version, from getApiList (empty when discovery is not used). */
  apis: Map<string, string>;
  ports: Map<string, LibraryPort>;
  properties: Record<string, any>;
  /** Home Assistant's device entry. */
  uniqueId: string;
  model: string;
  swVersion: string;
}

const BDI_KEYS = [
  'Architecture', 'Brand', 'BuildDate', 'HardwareID', 'ProdFullName', 'ProdNbr', 'ProdShortName', 'ProdType',
  'ProdVariant', 'SerialNumber', 'Soc', 'SocSerialNumber', 'Version', 'WebURL',
];
const PROPERTY_KEYS = ['API.HTTP.Version', 'Firmware.BuildDate', 'Firmware.BuildNumber', 'Firmware.Version', 'System.SerialNumber'];
const BRAND_KEYS = ['Brand', 'ProdFullName', 'ProdNbr', 'ProdShortName', 'ProdType', 'WebURL'];
const PORT_KEYS = ['port', 'configurable', 'direction', 'name', 'normalState', 'state', 'usage'];

/**
 * Runs the set-up. `discovery: false` plays an older library (or a device without apidiscovery):
 * everything then comes from param.cgi.
 */
export async function initialize(client: AxisLibraryClient, options: { discovery?: boolean } = {}): Promise<AxisDevice> {
  const apis = options.discovery === false ? new Map<string, string>() : await apiList(client);
  const [info, pmPorts, properties, brand, ioPorts, profiles] = await Promise.all([
    apis.has('basic-device-info') ? deviceInfo(client, apis.get('basic-device-info')!) : undefined,
    apis.has('io-port-management') ? portsFromPortManagement(client, apis.get('io-port-management')!) : undefined,
    client.paramGroup('root.Properties'),
    apis.has('basic-device-info') ? undefined : client.paramGroup('root.Brand'),
    apis.has('io-port-management') ? undefined : client.paramGroup('root.IOPort'),
    apis.has('stream-profiles') ? undefined : client.paramGroup('root.StreamProfile'),
  ]);
  const props = required(properties, 'Properties');
  for (const key of PROPERTY_KEYS) required(props, key);
  if (brand) for (const key of BRAND_KEYS) required(brand, `Brand.${key}`);
  if (profiles) checkStreamProfiles(profiles);
  const ports = pmPorts ?? portsFromParams(ioPorts ?? {});
  const serial = info ? info.SerialNumber : props.System.SerialNumber;
  const prodNbr = info ? info.ProdNbr : brand!.Brand.ProdNbr;
  const prodType = info ? info.ProdType : brand!.Brand.ProdType;
  return {
    apis,
    ports,
    properties: props,
    uniqueId: formatMac(serial),
    model: `${prodNbr} ${prodType}`,
    swVersion: String(info ? info.Version : props.Firmware.Version),
  };
}

/** getApiList; a 401/403/404 is swallowed (the rest runs param-only), anything else raises. */
async function apiList(client: AxisLibraryClient): Promise<Map<string, string>> {
  const json = await client.json('/axis-cgi/apidiscovery.cgi', { apiVersion: '1.0', context: 'Axis library', method: 'getApiList' });
  const list = required(json, 'data.apiList') as Array<Record<string, string>>;
  return new Map(
    list.map((api) => {
      required(api, 'name');
      return [required(api, 'id'), required(api, 'version')];
    }),
  );
}

async function deviceInfo(client: AxisLibraryClient, version: string): Promise<Record<string, string>> {
  const json = await client.json('/axis-cgi/basicdeviceinfo.cgi', { apiVersion: version, context: 'Axis library', method: 'getAllProperties' });
  const list = required(json, 'data.propertyList');
  for (const key of BDI_KEYS) required(list, key);
  return list;
}

async function portsFromPortManagement(client: AxisLibraryClient, version: string): Promise<Map<string, LibraryPort>> {
  const json = await client.json('/axis-cgi/io/portmanagement.cgi', { apiVersion: version, context: 'Axis library', method: 'getPorts' });
  const items = (json.data.items ?? []) as Array<Record<string, any>>;
  return new Map(
    items.map((item) => {
      for (const key of PORT_KEYS) required(item, key);
      return [item.port as string, { name: item.name, direction: item.direction, state: item.state }];
    }),
  );
}

/** `IOPortParam`: every child `k` of IOPort is a port with id `k[1:]`; a scalar child would crash `.get()`. */
function portsFromParams(tree: Record<string, any>): Map<string, LibraryPort> {
  const ioPort = (tree.IOPort ?? {}) as Record<string, any>;
  return new Map(
    Object.entries(ioPort).map(([key, port]) => {
      if (typeof port !== 'object') throw new TypeError(`'${typeof port}' object has no attribute 'get' (IOPort.${key})`);
      const direction = port.Direction ?? 'input';
      const name = (direction === 'input' ? port.Input?.Name : port.Output?.Name) ?? '';
      return [key.slice(1), { name, direction }];
    }),
  );
}

/** `StreamProfileParam`: MaxGroups may be there; every other child is a profile with Name, Description, Parameters. */
function checkStreamProfiles(tree: Record<string, any>): void {
  for (const [key, profile] of Object.entries(tree.StreamProfile ?? {})) {
    if (key === 'MaxGroups') continue;
    for (const field of ['Name', 'Description', 'Parameters']) required(profile as Record<string, any>, field);
  }
}
