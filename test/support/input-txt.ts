/** One line of input.txt, read back. */
export interface InputLine {
  input: number;
  current: 0 | 1;
  last: 0 | 1;
  /** `HH.MM` exactly as sent. */
  time: string;
  pulse: number;
}

const LINE = /^input:(\d+) current:([01]) last:([01]) time:(\d{2}\.\d{2}) pulse:(\d+)$/;

/**
 * Parses input.txt strictly: every line must match the seed's format and end in `\n`; anything
 * else throws, so a stray byte fails the test that reads it.
 */
export function parseInputTxt(text: string): InputLine[] {
  if (!text.endsWith('\n')) throw new Error(`input.txt does not end in a newline: ${JSON.stringify(text)}`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = LINE.exec(line);
      if (!m) throw new Error(`not an input.txt line: ${JSON.stringify(line)}`);
      return { input: Number(m[1]), current: Number(m[2]) as 0 | 1, last: Number(m[3]) as 0 | 1, time: m[4]!, pulse: Number(m[5]) };
    });
}

/** `HH.MM` of a moment in this process's local time zone (the server runs in the same one). */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Every `HH.MM` a moment between `from` and `to` can have (one, or two across a minute's end). */
export function hhmmBetween(from: number, to: number): string[] {
  return [...new Set([hhmm(from), hhmm(to)])];
}
