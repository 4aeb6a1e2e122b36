// A recording stand-in for the webview's document: mount (view/dom.ts) builds on it, and its
// HTML-parsing members throw, so a view that ever used them would fail its test.
import type { MountDocument, MountElement } from '../../client/src/webview/view/dom.ts';

export interface FakeText {
  readonly text: string;
}
export class FakeElement implements MountElement {
  readonly attrs = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  readonly style = { width: '' };
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, value);
  }
  append(...nodes: unknown[]): void {
    this.children.push(...(nodes as (FakeElement | FakeText)[]));
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
}
export const fakeDocument: MountDocument = {
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (text): FakeText => ({ text }),
};

export function walk(node: FakeElement | FakeText, visit: (n: FakeElement | FakeText) => void): void {
  visit(node);
  if (node instanceof FakeElement) for (const c of node.children) walk(c, visit);
}

export const textOf = (n: FakeElement | FakeText): string => (n instanceof FakeElement ? n.children.map(textOf).join('') : n.text);

/** Every element under `root` (itself included) that `pick` accepts, in document order. */
export function all(root: FakeElement, pick: (e: FakeElement) => boolean): FakeElement[] {
  const out: FakeElement[] = [];
  walk(root, (n) => {
    if (n instanceof FakeElement && pick(n)) out.push(n);
  });
  return out;
}
