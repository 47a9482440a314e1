// Just enough MIME (RFC 2045/2046) to check what nodemailer sent: headers and the leaf parts.

export interface MimePart {
  /** Lower-case header names, unfolded values. */
  headers: Map<string, string>;
  /** The body after Content-Transfer-Encoding is undone (base64 and 7bit/8bit; no QP). */
  body: Buffer;
}

/** Splits a raw message into its headers and, recursively, its leaf parts. */
export function parseMime(raw: Buffer | string): { headers: Map<string, string>; parts: MimePart[] } {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const { headers, body } = splitHead(text);
  return { headers, parts: leafParts(headers, body) };
}

function splitHead(text: string): { headers: Map<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers = new Map<string, string>();
  // Unfold (RFC 5322 2.2.3): a line starting with white space continues the previous one.
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: end < 0 ? '' : text.slice(end + 4) };
}

function leafParts(headers: Map<string, string>, body: string): MimePart[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || boundary === undefined) {
    return [{ headers, body: decode(body, headers.get('content-transfer-encoding')) }];
  }
  const sections = body.split(`--${boundary}`).slice(1, -1); // before the first and after the closing one: preamble, epilogue
  return sections.flatMap((section) => {
    const inner = splitHead(section.replace(/^\r\n/, ''));
    return leafParts(inner.headers, inner.body.replace(/\r\n$/, ''));
  });
}

function decode(body: string, encoding: string | undefined): Buffer {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(body, 'latin1');
}
