// A log's format, forced or told from its head (core/envelope/detectFormat.ts), and its chunks
// again from the start: the chunks looked at are handed on first, then the rest as they come.
import { detectFormat } from '../../core/envelope/detectFormat.ts';
import type { InputFormat } from '../../core/envelope/inputFormats.ts';
import { LogInputError } from '../logChunks.ts';

/** Bytes looked at: more than any first record's leading keys need. */
export const DETECT_BYTES = 64 << 10;

export interface FormattedChunks {
  readonly format: InputFormat;
  readonly chunks: AsyncIterable<Buffer>;
}

export async function inputFormatOf(chunks: AsyncIterable<Buffer>, forced: InputFormat | undefined): Promise<FormattedChunks> {
  if (forced !== undefined) return { format: forced, chunks };
  const it = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let bytes = 0;
  let broken: LogInputError | undefined;
  try {
    while (bytes < DETECT_BYTES) {
      const r = await it.next();
      if (r.done) break;
      // The reader reuses its buffers: a chunk kept while the next is read is copied.
      head.push(r.value);
      bytes += r.value.length;
      if (bytes < DETECT_BYTES) head[head.length - 1] = Buffer.from(r.value);
    }
  } catch (e) {
    if (!(e instanceof LogInputError)) throw e;
    // What was read before the input broke off is still read, then the error is thrown.
    broken = e;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  const format = detectFormat(first.toString('utf8', 0, Math.min(first.length, DETECT_BYTES)));
  return { format, chunks: replay(head, it, broken) };
}

async function* replay(head: readonly Buffer[], it: AsyncIterator<Buffer>, broken: LogInputError | undefined): AsyncGenerator<Buffer> {
  try {
    yield* head;
    if (broken !== undefined) throw broken;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
