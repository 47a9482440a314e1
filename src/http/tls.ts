import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ConfigError, type Config } from '../config/index.ts';
import { isCode, writeFileAtomic } from '../util/atomic-file.ts';

export interface TlsFiles {
  cert: string;
  key: string;
}

/** Where a made certificate lives, and whether it was made by this start. */
export interface TlsSetup extends TlsFiles {
  /** The certificate's SHA-256 fingerprint, logged so a user can check what a browser shows. */
  fingerprint: string;
  /** The self-signed certificate's file, when auxio made or reused one. */
  selfSignedFile: string | null;
}

// Made once and kept: a new certificate on every start would make every client re-trust it.
const SELF_SIGNED_DAYS = 397;
const RENEW_WITHIN_MS = 30 * 24 * 3600_000;

/** The certificate and key HTTPS serves, or null for plain HTTP. A bad file stops start-up, naming its key. */
export async function loadTls(tls: Config['http']['tls'], dataDir: string): Promise<TlsSetup | null> {
  if (tls === undefined) return null;
  if (tls.self_signed) return selfSigned(join(dataDir, 'tls'));
  const cert = await readPem(tls.cert!, 'http.tls.cert');
  const key = await readPem(tls.key!, 'http.tls.key');
  try {
    // Checks here what the server would otherwise only find on the first handshake, or not at all.
    createSecureContext({ cert, key });
    return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256, selfSignedFile: null };
  } catch (err) {
    throw new ConfigError('http.tls', [`http.tls: the certificate and key are not a usable pair (${(err as Error).message})`]);
  }
}

async function readPem(file: string, key: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(key, [`${key}: cannot read ${file} (${isCode(err, 'ENOENT') ? 'no such file' : (err as Error).message})`]);
  }
}

async function selfSigned(folder: string): Promise<TlsSetup> {
  const certFile = join(folder, 'self-signed-cert.pem');
  const keyFile = join(folder, 'self-signed-key.pem');
  const kept = await readKept(certFile, keyFile);
  if (kept) return { ...kept, fingerprint: new X509Certificate(kept.cert).fingerprint256, selfSignedFile: certFile };
  const now = new Date();
  // Loaded only here: it is a third of a second of start-up that most starts never need.
  const { generate } = await import('selfsigned');
  const made = await generate([{ name: 'commonName', value: hostname() }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000), // a client clock a little behind still accepts it
    notAfterDate: new Date(now.getTime() + SELF_SIGNED_DAYS * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectNames() },
    ],
  });
  // The key first: a crash between the two leaves a key without a certificate, which is made again.
  await writeFileAtomic(keyFile, Buffer.from(made.private), 0o600);
  await writeFileAtomic(certFile, Buffer.from(made.cert));
  return { cert: made.cert, key: made.private, fingerprint: new X509Certificate(made.cert).fingerprint256, selfSignedFile: certFile };
}

/** The kept pair, unless it is missing, unreadable or about to expire. */
async function readKept(certFile: string, keyFile: string): Promise<TlsFiles | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    createSecureContext({ cert, key });
    if (Date.parse(new X509Certificate(cert).validTo) - Date.now() < RENEW_WITHIN_MS) return null;
    return { cert, key };
  } catch {
    return null;
  }
}

/** Every name a client on the network could use for this machine, so only trust is missing, not a match. */
function subjectNames(): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
  const dns = [...new Set(['localhost', hostname()])].map((value) => ({ type: 2 as const, value }));
  const ips = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.address.startsWith('fe80'))
    .map((a) => ({ type: 7 as const, ip: a!.address.split('%')[0]! }));
  return [...dns, ...ips];
}
