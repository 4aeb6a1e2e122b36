// Replaces a scalar's value in the style it was written: quoted scalars keep their quotes, plain
// ones stay plain unless the new value would then read as something else (empty, bool, number…).
import type { Span } from '../span.ts';
import { edit, type TextEdit } from './fix.ts';

/** Values that stay strings without quotes in YAML 1.1 and 1.2 (what kube-apiserver's decoder sees). */
const SAFE_PLAIN = /^[A-Za-z/][A-Za-z0-9_./:*-]*$/;
const RESERVED = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

/** How `value` is written as a new plain-or-double-quoted scalar. */
export const yamlString = (value: string): string => (SAFE_PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value));

/** `value` written like the existing items of a list: `quote` is '"', "'" or '' (plain where possible). */
export function styledString(value: string, quote: string): string {
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(value);
  return yamlString(value);
}

export function scalarEdit(text: string, s: Span, value: string): TextEdit {
  const q = text[s.start];
  if ((q === '"' || q === "'") && s.end - s.start >= 2 && text[s.end - 1] === q) {
    return edit(s.start + 1, s.end - 1, q === '"' ? JSON.stringify(value).slice(1, -1) : value.replace(/'/g, "''"));
  }
  return edit(s.start, s.end, yamlString(value));
}
