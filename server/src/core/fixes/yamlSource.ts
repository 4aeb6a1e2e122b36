// The policy document's YAML tree with source ranges (eemeli `yaml`), for fixes that need structure
// the model does not keep: the pair around a key, the `-` of a list item, flow or block style.
import { span, type Span } from '../span.ts';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** A key/value pair with the mapping that holds it and the keys/indexes leading to that mapping. */
export interface PairAt {
  readonly pair: Pair<Scalar, Node | null>;
  readonly map: YAMLMap<Scalar, Node | null>;
  readonly path: readonly (string | number)[];
}

export class YamlSource {
  readonly doc: Document.Parsed | undefined;
  /** Pairs by where their key and their value start, and string scalars by where they start: one walk, made when first asked. */
  private index: { readonly byKey: Map<number, PairAt>; readonly byValue: Map<number, PairAt>; readonly strings: Map<number, { value: string; span: Span }> } | undefined;

  /** `at`: an offset inside the policy document (the loader's policy span), else the first document. */
  constructor(
    readonly text: string,
    at?: number,
  ) {
    const docs = parseAllDocuments(text, { keepSourceTokens: true });
    const all = Array.isArray(docs) ? docs : [];
    this.doc = all.find((d) => at !== undefined && d.range[0] <= at && at <= d.range[2]) ?? all[0];
  }

  /** The policy document has syntax errors, so its tree may not follow the text (a repeated key is no such error). */
  get broken(): boolean {
    return (this.doc?.errors ?? []).some((e) => e.code !== 'DUPLICATE_KEY');
  }

  get root(): YAMLMap<Scalar, Node | null> | undefined {
    const c = this.doc?.contents;
    return isMap(c) ? (c as YAMLMap<Scalar, Node | null>) : undefined;
  }

  get rules(): YAMLSeq<Node> | undefined {
    const r = this.root?.get('rules', true);
    return isSeq(r) ? (r as YAMLSeq<Node>) : undefined;
  }

  rule(index: number): YAMLMap<Scalar, Node | null> | undefined {
    const r = this.rules?.items[index];
    return isMap(r) ? (r as YAMLMap<Scalar, Node | null>) : undefined;
  }

  /** The innermost pair whose key starts exactly at `keyStart`. */
  pairWithKeyAt(keyStart: number): PairAt | undefined {
    return this.indexed().byKey.get(keyStart);
  }

  /** The innermost pair whose value is the node starting at `valueStart`. */
  pairWithValueAt(valueStart: number): PairAt | undefined {
    return this.indexed().byValue.get(valueStart);
  }

  /** The string scalar starting exactly at `start` (a value or a list item). */
  stringAt(start: number): { readonly value: string; readonly span: Span } | undefined {
    return this.indexed().strings.get(start);
  }

  // Every fix asks about one place; walking the tree for each would be quadratic in a file with
  // thousands of findings (a rule with 100,000 unknown keys).
  private indexed(): NonNullable<YamlSource['index']> {
    if (this.index) return this.index;
    const index = { byKey: new Map<number, PairAt>(), byValue: new Map<number, PairAt>(), strings: new Map<number, { value: string; span: Span }>() };
    // In document order, a pair before the pairs inside it: the innermost one is set last.
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (isScalar(node)) {
        if (node.range && typeof node.value === 'string' && !index.strings.has(node.range[0])) index.strings.set(node.range[0], { value: node.value, span: span(node.range[0], node.range[1]) });
      } else if (isMap(node)) {
        const map = node as YAMLMap<Scalar, Node | null>;
        for (const p of map.items) {
          if (!isPair(p)) continue;
          const at: PairAt = { pair: p, map, path };
          if (p.key !== null && isScalar(p.key) && p.key.range) index.byKey.set(p.key.range[0], at);
          if (p.value !== null && p.value.range) index.byValue.set(p.value.range[0], at);
          walk(p.key, path);
          walk(p.value, [...path, isScalar(p.key) ? String(p.key.value) : '']);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i]));
      }
    };
    walk(this.doc?.contents, []);
    this.index = index;
    return index;
  }
}

/** Offset of the `-` that introduces item `index` of a block sequence (undefined for flow sequences). */
export function dashOffset(seq: YAMLSeq<unknown>, index: number): number | undefined {
  const token = seq.srcToken;
  if (token?.type !== 'block-seq') return undefined;
  return token.items[index]?.start.find((t) => t.type === 'seq-item-ind')?.offset;
}

/** The scalar's text without its quotes, and the quote character used ('' for plain scalars). */
export function scalarQuote(text: string, node: { range?: [number, number, number] | null }): string {
  const c = node.range ? text[node.range[0]] : undefined;
  return c === '"' || c === "'" ? c : '';
}
