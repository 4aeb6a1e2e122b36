// How kube-apiserver's YAML reader (gopkg.in/yaml.v2 via sigs.k8s.io/yaml, i.e. YAML 1.1) types an
// unquoted scalar: `True`, `yes`, `on` are booleans, `~` and the empty scalar are null, `0x1F`, `0o17`,
// `017` and `1_000` are integers. A boolean or number where a string goes fails decoding, so this
// must follow Go's rules (yaml.v2 resolve.go), not YAML 1.2's. Timestamps stay strings: yaml.v2
// keeps them as strings when decoding into interface{}, which is what YAMLToJSON does.

export type PlainScalar = { readonly kind: 'null' } | { readonly kind: 'bool'; readonly value: boolean } | { readonly kind: 'number'; readonly value: number } | { readonly kind: 'string'; readonly value: string };

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOAT: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
// Go strconv.ParseInt(s, 0, 64) after yaml.v2 removed underscores: optional sign, then 0x/0o/0b
// prefixes, a leading 0 for octal, or decimal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
// yaml.v2's yamlStyleFloat.
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function goInt(s: string): number {
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  if (/^0[xX]/.test(body)) return sign * parseInt(body.slice(2), 16);
  if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
  if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
  if (body.length > 1 && body.startsWith('0')) return sign * parseInt(body.slice(1), 8);
  return sign * parseInt(body, 10);
}

export function resolvePlainScalar(text: string): PlainScalar {
  if (NULL.has(text)) return { kind: 'null' };
  if (TRUE.has(text)) return { kind: 'bool', value: true };
  if (FALSE.has(text)) return { kind: 'bool', value: false };
  const special = SPECIAL_FLOAT[text];
  if (special !== undefined) return { kind: 'number', value: special };
  const first = text.charAt(0);
  // yaml.v2 only tries numbers for scalars starting with a digit, a sign or a dot.
  if (!/[-+.0-9]/.test(first)) return { kind: 'string', value: text };
  const plain = first === '.' ? text : text.replace(/_/g, '');
  if (first !== '.' && GO_INT.test(plain)) return { kind: 'number', value: goInt(plain) };
  if (YAML_FLOAT.test(plain)) return { kind: 'number', value: Number(plain) };
  return { kind: 'string', value: text };
}
