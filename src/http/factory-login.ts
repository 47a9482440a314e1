import { isIP } from 'node:net';

/** Whether an address is this machine's own: 127.0.0.0/8, ::1, or IPv4-mapped 127.x. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * The factory login root/pass is known to everyone: it is accepted only from this machine (so a new
 * user can set a password), unless the config explicitly allows it from elsewhere.
 */
export function factoryLoginRefused(options: { usesFactoryPassword: boolean; address: string; allowRemote: boolean }): boolean {
  return options.usesFactoryPassword && !options.allowRemote && !isLoopback(options.address);
}
