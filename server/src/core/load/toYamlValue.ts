// Converts one parsed YAML document into a YValue the way sigs.k8s.io/yaml's YAMLToJSON does:
// YAML 1.1 scalar typing, aliases expanded, `<<` merge keys applied as gopkg.in/yaml.v2 does (in
// place, overriding keys set before them), non-string keys turned into strings. Duplicate keys are collected, not rejected: kube-apiserver's strict pass reports them,
// then its lenient pass keeps the last value (pkg/audit/policy/reader.go, LoadPolicyFromBytes).
//
// Aliases are resolved once, in one walk of the document (the yaml library's own resolve walks the
// whole document per alias), and the value of each anchored node is converted once and shared by
// every alias of it. yaml.v2 refuses a document whose decoding is mostly alias expansion ("document
// contains excessive aliasing", its defence against billion-laughs documents since v2.2.8, which
// kube-apiserver inherits through sigs.k8s.io/yaml); the same count decides it here, and it also
// bounds what the shared values expand to for the checks that walk them.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';
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
  /**
   * Where an alias is read as null because of a problem above (an unknown or self-referring
   * anchor, or any alias after the refusal for excessive aliasing), in document order: kube-apiserver
   * refuses the file, so nothing is to be said about what the alias stands for.
   */
  readonly unread: readonly Span[];
}

const STR_TAG = 'tag:yaml.org,2002:str';

const nodeSpan = (n: { range?: [number, number, number] | null }, fallback: Span): Span =>
  n.range ? span(n.range[0], n.range[1]) : fallback;

/**
 * yaml.v2 (decode.go, allowedAliasRatio): the share of decoded nodes that may come from expanding
 * aliases, 99 % up to 400,000 decoded nodes, falling to 10 % at 4,000,000.
 */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}

/** yaml.v2's test, made after each node it decodes (every node counts, those inside an alias twice over). */
const excessiveAliasing = (decoded: number, aliased: number): boolean => aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded);

/** Each alias's node: the last node before it (in document order) with its anchor, as yaml resolves it. */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  // Iterative, in the order of the yaml library's visit(): a node, then its items; a pair's key, then its value.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (isPair(node)) stack.push(node.value, node.key);
    else if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}

export function toYamlValue(doc: Document.Parsed, whole: Span): Converted {
  const duplicates: DuplicateKey[] = [];
  const problems: TextProblem[] = [];
  const unread: Span[] = [];
  const targets = aliasTargets(doc);
  // yaml.v2's counts: nodes decoded (the document node first), and those decoded inside an alias.
  let decoded = 1;
  let aliased = 0;
  let aliasDepth = 0;
  let refused = false;
  /** Anchored nodes already converted: their value and how many nodes decoding them counts. */
  const converted = new Map<Node, { readonly value: YValue; readonly nodes: number }>();
  const expanding = new Set<Node>();

  const count = (nodes: number, at: Span): void => {
    decoded += nodes;
    if (aliasDepth > 0) aliased += nodes;
    if (!refused && excessiveAliasing(decoded, aliased)) {
      refused = true;
      problems.push({
        message: 'document contains excessive aliasing',
        detail: "kube-apiserver's YAML decoder refuses a document that is mostly copies made by aliases; from this alias on, aliases are not expanded here.",
        span: at,
      });
    }
  };

  function convert(node: unknown, at: Span): YValue {
    if (isAlias(node)) {
      count(1, nodeSpan(node, at));
      return expand(node, at);
    }
    const before = decoded;
    count(1, at);
    const value = convertNode(node, at);
    if ((isScalar(node) || isCollection(node)) && node.anchor) converted.set(node, { value, nodes: decoded - before });
    return value;
  }

  function expand(node: Alias, at: Span): YValue {
    const target = targets.get(node);
    const aliasSpan = nodeSpan(node, at);
    if (!target) {
      problems.push({ message: `unknown anchor '${node.source}' referenced`, span: aliasSpan });
      unread.push(aliasSpan);
      return { kind: 'null', span: aliasSpan };
    }
    if (refused) {
      unread.push(aliasSpan);
      return { kind: 'null', span: aliasSpan };
    }
    if (expanding.has(target)) {
      problems.push({ message: `anchor '${node.source}' refers to itself`, span: aliasSpan });
      unread.push(aliasSpan);
      return { kind: 'null', span: aliasSpan };
    }
    aliasDepth++;
    const known = converted.get(target);
    let v: YValue;
    if (known) {
      // Every node of the value counts as decoded inside an alias. Both counts grow together, so if
      // yaml.v2 would stop somewhere inside, it would still be stopped at the end.
      count(known.nodes, aliasSpan);
      v = known.value;
    } else {
      expanding.add(target);
      v = convert(target, aliasSpan);
      expanding.delete(target);
    }
    aliasDepth--;
    // The alias stands where it is written; its parts keep the anchor's spans.
    return { ...v, span: aliasSpan };
  }

  function convertNode(node: unknown, at: Span): YValue {
    if (node === null || node === undefined) return { kind: 'null', span: at };
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
   * first, so that earlier mappings take precedence (yaml.v2 decodes the list's items, not the list). */
  function mergeSources(pair: Pair, at: Span): YEntry[] {
    const sources = isSeq(pair.value) ? [...pair.value.items].reverse().map((item) => convert(item, nodeSpan(pair.value as Node, at))) : [convert(pair.value, at)];
    const out: YEntry[] = [];
    for (const src of sources) {
      if (src.kind === 'object') out.push(...src.entries);
      else problems.push({ message: 'a << merge key must refer to a mapping or a list of mappings', detail: 'Go\'s YAML decoder reports "map merge requires map or sequence of maps as the value".', span: src.span });
    }
    return out;
  }

  try {
    const value = convert(doc.contents, whole);
    // A << merge reads its sources after the keys around it: back to document order.
    return { value, duplicates, problems, unread: unread.sort((a, b) => a.start - b.start) };
  } catch (e) {
    // Only a stack overflow can escape convert (nesting deeper than the call stack).
    if (!(e instanceof RangeError)) throw e;
    return { value: { kind: 'null', span: whole }, duplicates, problems: [...problems, { message: 'the document nests too deeply to be read', span: whole }], unread: [] };
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
