// invalid-type: the value has a shape kube-apiserver cannot decode, and the intended one is obvious:
// - a lone value where a list goes: `verbs: get` -> `verbs: [get]`, `resources: {group: apps}` or a
//   block mapping -> a one-entry list;
// - a one-item list where one value goes: `level: [None]` -> `level: None`;
// - a number or boolean where a string goes (`namespaces: [3]`, `users: [yes]`): quoted;
// - a quoted "true"/"false" where a boolean goes: unquoted.
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { resolveRef, schemaAt, type SchemaNode } from '../load/policySchema.ts';
import { edit, type Fix, type FixProvider, type TextEdit } from './fix.ts';
import { column, contentEnd, lineStart } from './textLines.ts';

interface Located {
  readonly node: Node;
  /** Keys and indexes from the document root to the node. */
  readonly path: readonly string[];
}

function locate(root: unknown, start: number): Located | undefined {
  let found: Located | undefined;
  const walk = (n: unknown, path: string[]): void => {
    if (found || n === null || typeof n !== 'object') return;
    const node = n as Node;
    if (node.range?.[0] === start && path.length > 0) {
      found = { node, path };
      return;
    }
    if (isMap(n)) {
      for (const p of n.items) if (isPair(p) && isScalar(p.key)) walk(p.value, [...path, String(p.key.value)]);
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => walk(item, [...path, String(i)]));
    }
  };
  walk(root, []);
  return found;
}

const accepts = (schema: SchemaNode | undefined, type: string): boolean => {
  const t = schema?.type;
  return t === type || (Array.isArray(t) && t.includes(type));
};

/** Edits turning a mapping into a one-entry list, in its own style. */
function mappingToList(text: string, node: Node): TextEdit[] | undefined {
  if (!node.range) return undefined;
  if (isMap(node) && node.flow) return [edit(node.range[0], node.range[0], '['), edit(node.range[1], node.range[1], ']')];
  const first = node.range[0];
  const end = contentEnd(text, node.range[2]);
  const indent = column(text, first);
  if (lineStart(text, first) + indent !== first) return undefined;
  const edits: TextEdit[] = [edit(first, first, '- ')];
  for (let at = text.indexOf('\n', first) + 1; at > 0 && at < end; at = text.indexOf('\n', at) + 1) {
    if (/^[ \t]*\r?$/.test(text.slice(at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at)))) continue;
    edits.push(edit(at, at, '  '));
  }
  return edits;
}

export const invalidTypeFix: FixProvider = (finding, { yaml, text }) => {
  const at = locate(yaml.doc?.contents, finding.span.start);
  const range = at?.node.range;
  if (!at || !range) return [];
  const schema = schemaAt(at.path)?.node;
  const { node } = at;
  const [start, end] = range;
  const name = at.path[at.path.length - 1] as string;
  const fixes: Fix[] = [];
  if (accepts(schema, 'array') && isScalar(node) && node.value !== null) {
    const item = schema?.items ? resolveRef(schema.items) : undefined;
    const source = text.slice(start, end);
    const inner = accepts(item, 'string') && typeof node.value !== 'string' ? JSON.stringify(source) : source;
    fixes.push({ title: `Make '${name}' a list: [${inner}]`, edits: [edit(start, end, `[${inner}]`)], preferred: true });
  } else if (accepts(schema, 'array') && isMap(node)) {
    const edits = mappingToList(text, node);
    if (edits) fixes.push({ title: `Make '${name}' a list of one entry`, edits, preferred: true });
  } else if (accepts(schema, 'string') && isSeq(node) && node.items.length === 1 && isScalar(node.items[0])) {
    const only = node.items[0] as Scalar;
    if (only.range) fixes.push({ title: `Use the single value of '${name}'`, edits: [edit(start, end, text.slice(only.range[0], only.range[1]))], preferred: true });
  } else if (accepts(schema, 'string') && isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
    const source = text.slice(start, end);
    fixes.push({ title: `Quote ${source} (a string is expected)`, edits: [edit(start, end, JSON.stringify(source))], preferred: true });
  } else if (accepts(schema, 'boolean') && isScalar(node) && typeof node.value === 'string' && /^(true|false)$/i.test(node.value)) {
    fixes.push({ title: `Use the boolean ${node.value.toLowerCase()}`, edits: [edit(start, end, node.value.toLowerCase())], preferred: true });
  }
  return fixes;
};

