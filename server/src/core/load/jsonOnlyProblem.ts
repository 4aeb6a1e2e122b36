// kube-apiserver's decoder picks the JSON serializer, not the YAML one, for data whose first
// non-space character is "{" (apimachinery's recognizer and json.Serializer.RecognizesData), so such a
// file must be strict JSON: a YAML flow mapping with unquoted keys is refused.
import { firstLineSpan } from './firstLineSpan.ts';
import type { TextProblem } from './textProblem.ts';

// Go's unicode.IsSpace, which IsJSONBuffer trims (unlike JS \s, it excludes the byte-order mark).
const JSON_PREFIX = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\{/;

export function jsonOnlyProblem(text: string): TextProblem | undefined {
  if (!JSON_PREFIX.test(text)) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const at = Number(/position (\d+)/.exec(error)?.[1] ?? text.search(/\S/));
    return {
      message: 'The file starts with "{", so kube-apiserver reads it as JSON, and it is not valid JSON',
      detail: `${error.replace(/ in JSON at position.*$/, '')}. Quote every key and string, or put a comment or "---" before the "{" to have it read as YAML.`,
      span: firstLineSpan(text, at),
    };
  }
}
