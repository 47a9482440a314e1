import { execFile } from 'node:child_process';

export interface CurlResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const MARK = '\n--curl-status--';

/**
 * Runs the real `curl` and returns status, headers and body.
 * @example curl(['--digest', '-u', 'root:pass', `${url}/io/relayon.txt`])
 */
export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '-D', '-', '-w', `${MARK}%{http_code}`, ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err && !stdout) return reject(err);
      const at = stdout.lastIndexOf(MARK);
      const status = Number(stdout.slice(at + MARK.length));
      const raw = stdout.slice(0, at);
      // With --digest curl prints the 401's headers too: the last header block is the answer's.
      const blocks = raw.split(/\r\n\r\n/);
      let i = 0;
      while (i + 1 < blocks.length && /^HTTP\/[\d.]+ \d{3}/.test(blocks[i + 1]!)) i++;
      const headerText = blocks[i] ?? '';
      const body = blocks.slice(i + 1).join('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerText.split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, body, headers });
    });
  });
}
