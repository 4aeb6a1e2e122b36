// Percent-decoding as Go's net/url does it (unescape), which gives kube-apiserver URL.Path and
// url.Values. Go strings are bytes: %XX sequences are joined into bytes, then read as UTF-8.

const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function unescape(s: string, plusIsSpace: boolean): string | null {
  if (!s.includes('%') && !(plusIsSpace && s.includes('+'))) return s;
  const bytes = encoder.encode(s);
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 37) {
      const hi = hexValue(bytes[i + 1] ?? 0);
      const lo = hexValue(bytes[i + 2] ?? 0);
      if (hi < 0 || lo < 0) return null;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = plusIsSpace && b === 43 ? 32 : b;
  }
  return decoder.decode(out.subarray(0, n));
}

/** The decoded path, or null for an invalid escape (Go's server answers 400 Bad Request). */
export const unescapePath = (s: string): string | null => unescape(s, false);

/** A decoded query key or value ('+' is a space), or null for an invalid escape. */
export const unescapeQueryComponent = (s: string): string | null => unescape(s, true);
