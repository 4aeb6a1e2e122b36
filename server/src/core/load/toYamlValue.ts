// Converts one parsed YAML document into a YValue the way sigs.k8s.io/yaml's YAMLToJSON does:
// YAML 1.1 scalar typing, aliases expanded, `<<` merge keys applied, non-string keys turned into
// strings. Duplicate keys are collected, not rejected: kube-apiserver's strict pass reports them,
// then its lenient pass keeps the last value (pkg/audit/policy/reader.go, LoadPolicyFromBytes).
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { span, type Span } from '../span.ts';
import { resolvePlainScalar } from './resolvePlainScalar.ts';
import type { YEntry, YValue } from './yamlValue.ts';

export interface DuplicateKey {
  readonly key: string;
  readonly first: Span;
  readonly duplicate: Span;
}

export interface ConversionProblem {
  readonly message: string;
  readonly span: Span;
}

export interface Converted {
  readonly value: YValue;
  readonly duplicates: readonly DuplicateKey[];
  readonly problems: readonly ConversionProblem[];
}

/** Expanding aliases can blow up exponentially ("billion laughs"); stop well before memory does. */
const MAX_NODES = 2_000_000;
const STR_TAG = 'tag:yaml.org,2002:str';

const nodeSpan = (n: { range?: [number, number, number] | null }, fallback: Span): Span =>
  n.range ? span(n.range[0], n.range[1]) : fallback;

export function toYamlValue(doc: Document.Parsed, whole: Span): Converted {
  const duplicates: DuplicateKey[] = [];
  const problems: ConversionProblem[] = [];
  let budget = MAX_NODES;
  const expanding = new Set<Node>();

  function convert(node: unknown, at: Span): YValue {
    if (--budget < 0) {
      if (budget === -1) problems.push({ message: 'the document expands to too many nodes (aliases nested too deeply); kube-apiserver refuses documents with excessive aliasing', span: at });
      return { kind: 'null', span: at };
    }
    if (node === null || node === undefined) return { kind: 'null', span: at };
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const aliasSpan = nodeSpan(node, at);
      if (!target) {
        problems.push({ message: `unknown anchor '${node.source}' referenced`, span: aliasSpan });
        return { kind: 'null', span: aliasSpan };
      }
      if (expanding.has(target)) {
        problems.push({ message: `anchor '${node.source}' refers to itself`, span: aliasSpan });
        return { kind: 'null', span: aliasSpan };
      }
      expanding.add(target);
      const v = convert(target, aliasSpan);
      expanding.delete(target);
      // The alias stands where it is written; its parts keep the anchor's spans.
      return { ...v, span: aliasSpan };
    }
    if (isScalar(node)) {
      const s = nodeSpan(node, at);
      const raw = node.value;
      const text = typeof raw === 'string' ? raw : String(raw ?? '');
      if (node.type !== 'PLAIN' || node.tag === STR_TAG) return { kind: 'string', value: text, span: s };
      const r = resolvePlainScalar(typeof node.source === 'string' ? node.source : text);
      return r.kind === 'null' ? { kind: 'null', span: s } : { ...r, span: s };
    }
    if (isSeq(node)) {
      const s = nodeSpan(node, at);
      return { kind: 'array', items: node.items.map((item) => convert(item, s)), span: s };
    }
    if (isMap(node)) {
      const s = nodeSpan(node, at);
      const entries: YEntry[] = [];
      const seen = new Map<string, Span>();
      const merged: YEntry[] = [];
      for (const pair of node.items) {
        if (isMergeKey(pair)) {
          merged.push(...mergeSources(pair, s));
          continue;
        }
        const keyValue = convert(pair.key, s);
        if (keyValue.kind === 'array' || keyValue.kind === 'object') {
          problems.push({ message: 'a mapping or list cannot be used as a key (Go\'s YAML decoder reports "invalid map key")', span: keyValue.span });
        }
        const key = keyString(keyValue);
        const keySpan = keyValue.span;
        const first = seen.get(key);
        if (first) duplicates.push({ key, first, duplicate: keySpan });
        else seen.set(key, keySpan);
        entries.push({ key, keySpan, value: convert(pair.value, keySpan) });
      }
      // Merged keys only fill what the mapping does not set itself (YAML merge-key semantics).
      for (const m of merged) if (!seen.has(m.key)) entries.push(m);
      return { kind: 'object', entries, span: s };
    }
    return { kind: 'null', span: at };
  }

  function isMergeKey(pair: Pair): boolean {
    return isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.source === '<<';
  }

  function mergeSources(pair: Pair, at: Span): YEntry[] {
    const v = convert(pair.value, at);
    const sources = v.kind === 'array' ? v.items : [v];
    const out: YEntry[] = [];
    for (const src of sources) {
      if (src.kind === 'object') out.push(...src.entries.filter((e) => !out.some((o) => o.key === e.key)));
      else problems.push({ message: 'a << merge key must refer to a mapping or a list of mappings', span: src.span });
    }
    return out;
  }

  try {
    return { value: convert(doc.contents, whole), duplicates, problems };
  } catch (e) {
    // Only a stack overflow can escape convert (nesting deeper than the call stack).
    if (!(e instanceof RangeError)) throw e;
    return { value: { kind: 'null', span: whole }, duplicates, problems: [...problems, { message: 'the document nests too deeply to be read', span: whole }] };
  }
}

/** sigs.k8s.io/yaml turns non-string keys into strings (true -> "true", 1 -> "1", null -> "null"). */
function keyString(k: YValue): string {
  switch (k.kind) {
    case 'string':
      return k.value;
    case 'null':
      return 'null';
    case 'bool':
    case 'number':
      return String(k.value);
    default:
      return JSON.stringify(k.kind === 'array' ? k.items.map(keyString) : k.entries.map((e) => e.key));
  }
}
