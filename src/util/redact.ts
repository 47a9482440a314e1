/**
 * Replaces every occurrence of each secret (as written and percent-encoded, as it appears in a
 * URL) with `***`, and any `scheme://user:password@` userinfo, so text from a camera, ffmpeg or an
 * upload server can go into an error message or a log.
 * @example redactSecrets('530 bad pass hunter2', ['hunter2']) // '530 bad pass ***'
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^@\s/]*@/gi, '$1:***@');
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
