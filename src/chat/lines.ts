/**
 * Bounded line reading for untrusted input: a line longer than the limit is
 * cut at the limit as it streams in (the rest of it is dropped up to the next
 * newline), so a 50 MB line costs the limit in memory, not 50 MB. The cut
 * line still reaches the command parser, which rejects it as too long.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** Longest line kept (bytes): well above what the command grammar accepts, so the parser still says "too long". */
export const MAX_LINE_BYTES = 16 * 1024;

export class LineLimiter extends Transform {
  /** Bytes of the current line passed on so far. */
  private inLine = 0;

  constructor(private readonly max = MAX_LINE_BYTES) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const out: Buffer[] = [];
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      const end = nl < 0 ? buf.length : nl;
      const room = Math.max(0, this.max - this.inLine);
      const take = Math.min(room, end - start);
      if (take > 0) out.push(buf.subarray(start, start + take));
      this.inLine += take;
      if (nl < 0) break;
      out.push(buf.subarray(nl, nl + 1));
      this.inLine = 0;
      start = nl + 1;
    }
    done(null, Buffer.concat(out));
  }
}

/** The input with every line cut to `max` bytes. */
export function limitLines(input: NodeJS.ReadableStream, max = MAX_LINE_BYTES): Readable {
  return input.pipe(new LineLimiter(max));
}
