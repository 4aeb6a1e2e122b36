// What a log input is, told from its first bytes: another compression or UTF-16 (each named, so
// the user knows what to do), binary data, or text to read. A NUL byte alone does not make binary
// data: a file system that loses power can leave NUL runs in a log where data was not yet
// written, and such lines are reported one by one while the rest is read.

/** Other compressions a log may come in, to name them instead of calling the file binary. */
const OTHER_MAGIC: readonly (readonly [readonly number[], string])[] = [
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
  [[0x42, 0x5a, 0x68], 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
];

/** The bytes the text check looks at (decompressed), as git does for its binary check. */
export const TEXT_CHECK_BYTES = 8192;

const startsWith = (b: Buffer, magic: readonly number[]): boolean => magic.every((m, i) => b[i] === m);

/** Why the raw (still compressed) head cannot be read: another compression; undefined otherwise. */
export function otherCompression(raw: Buffer): string | undefined {
  const other = OTHER_MAGIC.find(([magic]) => startsWith(raw, magic));
  return other && `${other[1]}-compressed data; only gzip is read (decompress it first)`;
}

/**
 * Why the first bytes of the (decompressed) log are not text to read, or undefined. Binary data:
 * more than one in eight of the bytes other than NUL are neither printable ASCII, whitespace nor
 * well-formed UTF-8 (random or compressed data has about half such bytes; a log with a corrupt
 * stretch, a few). The message names the first byte a text log would not have.
 */
export function notText(head: Buffer): string | undefined {
  const n = Math.min(head.length, TEXT_CHECK_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16(head, n)) {
    return 'UTF-16 text; only UTF-8 is read (convert it first, e.g. iconv -f UTF-16 -t UTF-8)';
  }
  let counted = 0;
  let odd = 0;
  let first = -1;
  for (let i = 0; i < n; ) {
    const c = head[i]!;
    if (c === 0) {
      if (first < 0) first = i;
      i++;
      continue;
    }
    const length = textLength(head, i, n);
    counted += Math.max(length, 1);
    if (length > 0) {
      i += length;
      continue;
    }
    odd++;
    if (first < 0) first = i;
    i++;
  }
  if (odd * 8 <= counted) return undefined;
  const at = head[first] === 0 ? 'a NUL byte' : `a byte 0x${head[first]!.toString(16).padStart(2, '0')}`;
  return `binary data (${at} at offset ${first}), not a JSON audit log`;
}

/** Length of the text character at i (printable ASCII, tab, newline, CR, form feed, or a well-formed UTF-8 sequence), 0 if none. */
function textLength(b: Buffer, i: number, n: number): number {
  const c = b[i]!;
  if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 12 || c === 13) return 1;
  const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > n) return 0;
  for (let k = 1; k < length; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

/** UTF-16 without a byte-order mark: in most byte pairs exactly one byte is NUL (ASCII as UTF-16). */
function looksUtf16(b: Buffer, n: number): boolean {
  const pairs = n >> 1;
  if (pairs < 8) return false;
  let halfNul = 0;
  for (let k = 0; k < pairs; k++) if ((b[2 * k] === 0) !== (b[2 * k + 1] === 0)) halfNul++;
  return halfNul * 4 >= pairs * 3;
}
