import type { FastifyReply, FastifyRequest } from 'fastify';

// Plain-text CGI plumbing shared by port.cgi, input.cgi, output.cgi and param.cgi.

/**
 * A request a plain-text CGI refuses. Axis documents no error body for the I/O CGIs (docs/vapix.md
 * §1.2), so auxio answers 400 with one `# Error: <message>` line, param.cgi's documented form; the
 * axis library and Network Optix treat any status >= 400 as a failure.
 */
export class CgiError extends Error {
  constructor(message: string) {
    super(message);
  }
}

export function isCgiError(err: unknown): err is CgiError {
  return err instanceof CgiError;
}

/** `name=value` pairs of the query in order: names decoded, values as they stood (the action parser decodes its own). */
export function rawQuery(url: string): Array<[string, string]> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return url
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      return [decodeName(name), eq < 0 ? '' : part.slice(eq + 1)];
    });
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** A comma list of 1-based numbers (`1,2`), percent-decoded; null if any item is not one. */
export function numberList(raw: string): number[] | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const items = text.split(',');
  if (items.length > 256 || !items.every((i) => /^[1-9]\d{0,3}$/.test(i))) return null;
  return items.map(Number);
}

/** The I/O CGIs' answer: `text/plain`, one `\n`-terminated line each (empty for an action). */
export function sendLines(reply: FastifyReply, lines: string[]): FastifyReply {
  return reply
    .code(200)
    .header('Content-Type', 'text/plain')
    .header('Cache-Control', 'no-cache')
    .send(lines.map((l) => `${l}\n`).join(''));
}

/** A refused I/O CGI request: 400 and one `# Error:` line. */
export function sendCgiError(reply: FastifyReply, err: CgiError): FastifyReply {
  return reply.code(400).header('Content-Type', 'text/plain').header('Cache-Control', 'no-cache').send(`# Error: ${err.message}\n`);
}

/**
 * param.cgi's answer: `text/plain; charset=iso-8859-1` (DESIGN.md), CRLF lines as AXIS OS sends
 * them (docs/vapix.md §2.2). Characters outside Latin-1 become `?` rather than mojibake.
 */
export function sendLatin1Lines(reply: FastifyReply, lines: string[]): FastifyReply {
  const text = lines.map((l) => `${l}\r\n`).join('');
  return reply
    .code(200)
    .header('Content-Type', 'text/plain; charset=iso-8859-1')
    .header('Cache-Control', 'no-cache')
    .send(Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1'));
}

/** Runs a plain-text CGI handler, answering its `CgiError`s itself; anything else goes to the server's handler. */
export function textCgi(handler: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      return await handler(req, reply);
    } catch (err) {
      if (isCgiError(err)) return sendCgiError(reply, err);
      throw err;
    }
  };
}
