import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curl, type CurlResult } from './curl.ts';
import { api } from './api.ts';

/**
 * GETs a VAPIX URL with the real `curl --digest` (or `--basic`), the way VMS scripts do.
 * @example await vapixGet(server.url, '/axis-cgi/io/port.cgi?check=1,2')
 */
export function vapixGet(base: string, path: string, user = 'root:pass', scheme: '--digest' | '--basic' = '--digest'): Promise<CurlResult> {
  return curl([scheme, '-u', user, `${base}${path}`]);
}

/** POSTs a JSON CGI call with `curl --digest`; `body` is sent as is when it is a string. */
export function vapixPost(base: string, path: string, body: unknown, user = 'root:pass', contentType = 'application/json'): Promise<CurlResult> {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return curl(['--digest', '-u', user, '-H', `Content-Type: ${contentType}`, '--data-binary', data, `${base}${path}`]);
}

/** A JSON CGI call's answer, parsed; fails the test when the body is not JSON. */
export async function vapixJson(base: string, path: string, body: unknown, user = 'root:pass'): Promise<{ status: number; type: string; json: any }> {
  const res = await vapixPost(base, path, body, user);
  return { status: res.status, type: res.headers['content-type'] ?? '', json: JSON.parse(res.body) };
}

/** Bytes of a GET (image.cgi) with `curl --digest`, kept binary. */
export function curlBytes(url: string, user = 'root:pass'): Promise<{ status: number; type: string; bytes: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-bytes-'));
  const file = join(dir, 'body');
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--digest', '-u', user, '-o', file, '-w', '%{http_code} %{content_type}', url], (err, stdout) => {
      try {
        if (err) return reject(err);
        const [status, ...type] = stdout.split(' ');
        resolve({ status: Number(status), type: type.join(' '), bytes: readFileSync(file) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** Creates (or replaces) a user through the JSON API as root. */
export async function addUser(base: string, username: string, password: string, role: 'viewer' | 'operator' | 'admin'): Promise<void> {
  const res = await api(base, `/api/v1/users/${username}`, { method: 'PUT', body: { password, role } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`creating ${username}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** One relay change as the journal holds it. */
export interface OutputChange {
  actor: string;
  active: boolean;
  pulseUntil: number | null;
  time: number;
}

/** Every journaled change of `output<n>`, oldest first. */
export async function outputChanges(base: string, n = 1): Promise<OutputChange[]> {
  const res = await api(base, `/api/v1/events?channel=output${n}&kind=output&limit=1000`);
  if (res.status !== 200) throw new Error(`events: ${res.status}`);
  return res.body.events.map((e: { actor: string; time: string; data: { active: boolean; pulseUntil: number | null } }) => ({
    actor: e.actor,
    active: e.data.active,
    pulseUntil: e.data.pulseUntil,
    time: Date.parse(e.time),
  }));
}

/**
 * True when a journaled "on" carries the deadline of a `ms` pulse. The hub takes the deadline just
 * before the switch and the entry's time just after it, so they may be a few ms apart.
 */
export function hasPulseDeadline(change: OutputChange | undefined, ms: number): boolean {
  if (!change || change.pulseUntil === null) return false;
  const lead = change.time + ms - change.pulseUntil;
  return lead >= 0 && lead <= 20;
}

/** The relay's state from `GET /api/v1/io`. */
export async function relayActive(base: string, n = 1): Promise<boolean> {
  const res = await api(base, '/api/v1/io');
  return res.body.channels.find((c: { id: string }) => c.id === `output${n}`).active;
}
