// Converts one parsed YAML document into a YValue the way sigs.k8s.io/yaml's YAMLToJSON does:
// YAML 1.1 scalar typing, aliases expanded, `<<` merge keys applied as gopkg.in/yaml.v2 does (in
// place, overriding keys set before them), non-string keys turned into strings. Duplicate keys are collected, not rejected: kube-apiserver's strict pass reports them,
// then its lenient pass keeps the last value (pkg/audit/policy/reader.go, LoadPolicyFromBytes).
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { span, type Span } from '../span.ts';
import { resolvePlainScalar } from './resolvePlainScalar.ts';
import type { TextProblem } from './textProblem.ts';
import type { YEntry, YValue } from './yamlValue.ts';

export interface DuplicateKey {
  readonly key: string;
  readonly first: Span;
  readonly duplicate: Span;
  /** The second setting comes from (or the first is overridden by) a << merge. */
  readonly viaMerge: boolean;
}

export interface Converted {
  readonly value: YValue;
  readonly duplicates: readonly DuplicateKey[];
  readonly problems: readonly TextProblem[];
}

/** Expanding aliases can blow up exponentially ("billion laughs"); stop well before memory does. */
const MAX_NODES = 2_000_000;
const STR_TAG = 'tag:yaml.org,2002:str';

const nodeSpan = (n: { range?: [number, number, number] | null }, fallback: Span): Span =>
  n.range ? span(n.range[0], n.range[1]) : fallback;

export function toYamlValue(doc: Document.Parsed, whole: Span): Converted {
  const duplicates: DuplicateKey[] = [];
  const problems: TextProblem[] = [];
  let budget = MAX_NODES;
  const expanding = new Set<Node>();

  function convert(node: unknown, at: Span): YValue {
    if (--budget < 0) {
      if (budget === -1) problems.push({ message: 'the document expands to too many nodes (aliases nested too deeply)', detail: 'kube-apiserver refuses documents with excessive aliasing.', span: at });
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
      // Keys are set in order and the last setting wins, as yaml.v2 fills a map; a key set twice
      // (directly or through a << merge) fails its strict mode.
      const entries: YEntry[] = [];
      const seen = new Map<string, { readonly at: Span; readonly viaMerge: boolean }>();
      const set = (entry: YEntry, at: Span, viaMerge: boolean): void => {
        const first = seen.get(entry.key);
        if (first) duplicates.push({ key: entry.key, first: first.at, duplicate: at, viaMerge: viaMerge || first.viaMerge });
        seen.set(entry.key, { at, viaMerge });
        entries.push(entry);
      };
      for (const pair of node.items) {
        if (isMergeKey(pair)) {
          const mergeAt = nodeSpan(pair.key as Node, s);
          for (const e of mergeSources(pair, s)) set(e, mergeAt, true);
          continue;
        }
        const keyValue = convert(pair.key, s);
        if (keyValue.kind === 'array' || keyValue.kind === 'object') {
          problems.push({ message: 'a mapping or list cannot be used as a key', detail: 'Go\'s YAML decoder reports "invalid map key".', span: keyValue.span });
        }
        set({ key: keyString(keyValue), keySpan: keyValue.span, value: convert(pair.value, keyValue.span) }, keyValue.span, false);
      }
      return { kind: 'object', entries, span: s };
    }
    return { kind: 'null', span: at };
  }

  function isMergeKey(pair: Pair): boolean {
    return isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.source === '<<';
  }

  /** The entries a << merge sets, in the order yaml.v2 sets them: for a list of mappings the last
   * first, so that earlier mappings take precedence. */
  function mergeSources(pair: Pair, at: Span): YEntry[] {
    const v = convert(pair.value, at);
    const sources = v.kind === 'array' ? [...v.items].reverse() : [v];
    const out: YEntry[] = [];
    for (const src of sources) {
      if (src.kind === 'object') out.push(...src.entries);
      else problems.push({ message: 'a << merge key must refer to a mapping or a list of mappings', detail: 'Go\'s YAML decoder reports "map merge requires map or sequence of maps as the value".', span: src.span });
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
