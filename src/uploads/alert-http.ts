// An alert as an HTTP POST of a small JSON body; any 2xx answer is success.
import { UploadError } from './errors.ts';
import { networkError } from './net-errors.ts';
import { badSetting } from './settings.ts';

/** Where to POST, after the URL was checked. */
export interface HttpAlertEndpoint {
  target: string;
  /** The URL without user info: fetch refuses URLs that carry credentials. */
  url: string;
  /** Basic credentials taken from the URL's user info, if any. */
  authorization: string | undefined;
  /** Origin only, for messages: webhook paths and queries often hold the secret (e.g. Home Assistant's webhook id). */
  where: string;
  timeoutMs: number;
  secrets: readonly string[];
}

/** Checks an alert URL: http or https, user info moved into a Basic header. */
export function httpAlertEndpoint(target: string, text: string, timeoutMs: number): HttpAlertEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badSetting(target, 'url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badSetting(target, 'url must be http or https');
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const authorization = user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  url.username = '';
  url.password = '';
  return { target, url: url.href, authorization, where: url.origin, timeoutMs, secrets: password ? [password] : [] };
}

/** POSTs `body`; resolves on 2xx, rejects with an UploadError otherwise. */
export async function postAlert(endpoint: HttpAlertEndpoint, body: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(endpoint.authorization ? { authorization: endpoint.authorization } : {}) },
      body,
      // A redirect would turn the POST into a GET (Fetch spec, 4.4 HTTP-redirect fetch): report it instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (err) {
    throw fetchError(err, endpoint);
  }
  // The body is not needed; cancelling it frees the connection.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw statusError(response.status, endpoint);
}

function fetchError(err: unknown, e: HttpAlertEndpoint): UploadError {
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new UploadError('UPLOAD_TIMEOUT', { target: e.target, detail: `${e.where} (${e.timeoutMs} ms)` });
  }
  const detail = `${e.where}: ${err instanceof Error ? err.message : String(err)}`;
  return networkError(err, e.target, e.where) ?? new UploadError('UPLOAD_CONNECT', { target: e.target, detail, secrets: e.secrets });
}

// 401/403: the credentials; 408, 429 and 5xx: the server may take it later; other answers
// (3xx, 4xx) will not change by themselves.
function statusError(status: number, e: HttpAlertEndpoint): UploadError {
  const detail = `${e.where}: HTTP ${status}`;
  if (status === 401 || status === 403) return new UploadError('UPLOAD_AUTH', { target: e.target, detail });
  const retryable = status === 408 || status === 429 || status >= 500;
  return new UploadError('UPLOAD_REJECTED', { target: e.target, detail, retryable });
}
