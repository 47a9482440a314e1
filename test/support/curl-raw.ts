import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One HTTP response curl received, its header lines kept in order, repeats included. */
export interface CurlResponse {
  status: number;
  /** `[name in lower case, value]`, in the order sent. */
  headers: Array<[string, string]>;
}

/** Everything one curl run saw: every response (a Digest login has two), the final body, curl's stderr. */
export interface CurlRun {
  /** Status of the final response. */
  status: number;
  /** Every response in order; the last is the answer. */
  responses: CurlResponse[];
  body: string;
  /** curl's own output: with `-v`, the request headers it sent (`> Authorization: ...`). */
  stderr: string;
  /** Milliseconds the curl run took. */
  ms: number;
}

/** Values of one header in one response, in order (`WWW-Authenticate` comes once per challenge). */
export function headerValues(response: CurlResponse, name: string): string[] {
  return response.headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
}

/**
 * Runs the real `curl`, keeping every response's headers (the shared `curl()` helper keeps only the
 * last response's, one value per name, so repeated `WWW-Authenticate` challenges would be lost).
 * @example const run = await curlRaw(['--digest', '-u', 'root:pass', `${url}/io/relayon.txt`]);
 */
export function curlRaw(args: string[]): Promise<CurlRun> {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-curl-'));
  const headerFile = join(dir, 'headers');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--dump-header', headerFile, ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const ms = performance.now() - started;
      try {
        if (err && !stdout && !stderr.includes('< HTTP')) {
          reject(new Error(`curl failed: ${err.message}\n${stderr}`));
          return;
        }
        const responses = parseHeaderDump(readFileSync(headerFile, 'latin1'));
        const last = responses[responses.length - 1];
        if (!last) {
          reject(new Error(`curl got no response:\n${stderr}`));
          return;
        }
        resolve({ status: last.status, responses, body: stdout, stderr, ms });
      } catch (e) {
        reject(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function parseHeaderDump(text: string): CurlResponse[] {
  const responses: CurlResponse[] = [];
  for (const line of text.split('\r\n')) {
    const status = /^HTTP\/[\d.]+ (\d{3})/.exec(line);
    if (status) {
      responses.push({ status: Number(status[1]), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    const current = responses[responses.length - 1];
    if (current && colon > 0) current.headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return responses;
}
