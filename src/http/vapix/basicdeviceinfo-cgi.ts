import type { FastifyInstance } from 'fastify';
import type { DeviceIdentity } from './identity.ts';
import { registerJsonCgi, type JsonCall } from './json-cgi.ts';
import { AxisJsonError, DISCOVERY_ERRORS, INVALID_VALUE } from './json-errors.ts';

/** All 14 properties; the axis library requires every one (docs/vapix.md §4.2). */
export function propertyList(id: DeviceIdentity): Record<string, string> {
  return {
    Architecture: id.architecture,
    Brand: id.brand,
    BuildDate: id.buildDate,
    HardwareID: id.hardwareId,
    ProdFullName: id.prodFullName,
    ProdNbr: id.prodNbr,
    ProdShortName: id.prodShortName,
    ProdType: id.prodType,
    ProdVariant: id.prodVariant,
    SerialNumber: id.serialNumber,
    Soc: id.soc,
    SocSerialNumber: id.socSerialNumber,
    Version: id.firmwareVersion,
    WebURL: id.webUrl,
  };
}

/** What getAllUnrestrictedProperties leaves out ([AX-BDI]). */
const RESTRICTED = new Set(['Architecture', 'Soc', 'SocSerialNumber']);

const VERSIONS = ['1.1'] as const;

/** getProperties: the listed properties; an unknown one is refused by name ([AX-BDI]). */
function getProperties(all: Record<string, string>, call: JsonCall): { propertyList: Record<string, string> } {
  const names = call.params.propertyList;
  if (names === undefined) throw new AxisJsonError(DISCOVERY_ERRORS.missing, "'propertyList' is missing");
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new AxisJsonError(DISCOVERY_ERRORS.invalid, "'propertyList' must be a list of strings");
  }
  const unknown = names.find((n) => !Object.hasOwn(all, n));
  if (unknown !== undefined) throw new AxisJsonError(INVALID_VALUE, `Property not supported: ${unknown}`);
  return { propertyList: Object.fromEntries(names.map((n) => [n, all[n]!])) };
}

/** `POST /axis-cgi/basicdeviceinfo.cgi`. */
export function registerBasicDeviceInfo(app: FastifyInstance, identity: DeviceIdentity): void {
  const all = propertyList(identity);
  registerJsonCgi(app, {
    url: '/axis-cgi/basicdeviceinfo.cgi',
    versions: VERSIONS,
    errors: DISCOVERY_ERRORS,
    methods: {
      getAllProperties: { run: () => ({ propertyList: all }) },
      getAllUnrestrictedProperties: { run: () => ({ propertyList: Object.fromEntries(Object.entries(all).filter(([k]) => !RESTRICTED.has(k))) }) },
      getProperties: { run: (call) => getProperties(all, call) },
      getSupportedVersions: { apiVersion: 'optional', run: () => ({ apiVersions: [...VERSIONS] }) },
    },
  });
}
