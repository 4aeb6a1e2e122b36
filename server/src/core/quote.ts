// How a value from the policy is named inside a one-sentence message: JSON-quoted (so control
// characters and quotes show as escapes) and, past MAX characters, cut in the middle so the sentence
// stays short; the span of the finding points at the whole value.
const MAX = 40;

export function quote(value: string): string {
  const shown = value.length <= MAX ? value : `${value.slice(0, MAX / 2)}…${value.slice(-MAX / 4)}`;
  return JSON.stringify(shown);
}
