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
    return this.findPair((p) => p.key !== null && isScalar(p.key) && p.key.range?.[0] === keyStart);
  }

  /** The innermost pair whose value is the node starting at `valueStart`. */
  pairWithValueAt(valueStart: number): PairAt | undefined {
    return this.findPair((p) => p.value !== null && p.value.range?.[0] === valueStart);
  }

  /** The string scalar starting exactly at `start` (a value or a list item). */
  stringAt(start: number): { readonly value: string; readonly span: Span } | undefined {
    let found: { value: string; span: Span } | undefined;
    const walk = (n: unknown): void => {
      if (found) return;
      if (isScalar(n)) {
        if (n.range?.[0] === start && typeof n.value === 'string') found = { value: n.value, span: span(n.range[0], n.range[1]) };
      } else if (isPair(n)) {
        walk(n.key);
        walk(n.value);
      } else if (isMap(n) || isSeq(n)) {
        for (const item of n.items) walk(item);
      }
    };
    walk(this.doc?.contents);
    return found;
  }

  private findPair(test: (p: Pair<Scalar, Node | null>) => boolean): PairAt | undefined {
    let found: PairAt | undefined;
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (isMap(node)) {
        const map = node as YAMLMap<Scalar, Node | null>;
        for (const p of map.items) {
          if (!isPair(p)) continue;
          if (test(p)) found = { pair: p, map, path };
          const key = isScalar(p.key) ? String(p.key.value) : '';
          walk(p.value, [...path, key]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i]));
      }
    };
    walk(this.doc?.contents, []);
    return found;
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
