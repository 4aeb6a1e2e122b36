// The one way an untrusted string (a policy value, a log field, a file name, an argument) reaches a
// terminal: characters that could move the cursor, change the title, recolour, reorder or split the
// line are shown as `\uXXXX` instead. C0 and C1 controls (ESC, CSI 0x9b, CR, LF, BEL...), DEL, the
// line and paragraph separators and the bidirectional controls (U+202E "right-to-left override"
// makes `gpj.exe` read `exe.jpg`). JSON, SARIF and jsonl output escape by their own rules.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export const printable = (s: string): string => s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
