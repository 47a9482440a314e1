import { isIP } from 'node:net';

/** Whether an address is this machine's own: 127.0.0.0/8, ::1, or IPv4-mapped 127.x. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Whether a Host header names this machine as `localhost` or by an address (a request without one
 * comes from no browser). A page that rebinds its own domain to 127.0.0.1 (DNS rebinding) is
 * same-origin to itself and runs on this machine, but its requests carry that domain as Host.
 */
export function namesThisMachine(host: string | undefined): boolean {
  if (host === undefined) return true;
  const name = host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === 'localhost' || isIP(name) !== 0;
}

/**
 * The factory login root/pass is known to everyone: it is accepted only from this machine (so a new
 * user can set a password), and only by a Host that names it, unless the config explicitly allows
 * it from elsewhere.
 */
export function factoryLoginRefused(options: { usesFactoryPassword: boolean; address: string; allowRemote: boolean; host: string | undefined }): boolean {
  if (!options.usesFactoryPassword || options.allowRemote) return false;
  return !isLoopback(options.address) || !namesThisMachine(options.host);
}
