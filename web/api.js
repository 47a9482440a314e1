// The JSON API over fetch. The browser adds the login it already has for this origin.

/** An error answer: `code` is the server's stable code (`SCRIPT_INVALID`, `FORBIDDEN`, …). */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const listeners = new Set();

/** Tells `fn` of every 401: the login the page was opened with no longer works. */
export function onLoginLost(fn) {
  listeners.add(fn);
}

/**
 * Calls the API; resolves with the parsed body, rejects with an ApiError.
 * @example await api('/api/v1/outputs/1', { method: 'PUT', json: { active: true } })
 */
export async function api(path, { method = 'GET', json, text } = {}) {
  const headers = { accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
    body = text;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'auxio cannot be reached', []);
  }
  const type = res.headers.get('content-type') ?? '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (res.ok) return data;
  if (res.status === 401) listeners.forEach((fn) => fn());
  const error = data && typeof data === 'object' ? data.error : undefined;
  throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? `${res.status} ${res.statusText}`, error?.details ?? []);
}
