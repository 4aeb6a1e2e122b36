// Per-document replay hit counts (protocol.ts `RuleHits`). The replay feature writes them; hover and
// code lenses read them. Listeners run after each change so the server can ask the client to
// refresh its code lenses.
import type { RuleHits } from '../protocol.ts';

export class RuleHitsStore {
  private readonly byUri = new Map<string, RuleHits>();
  private readonly listeners: ((uri: string) => void)[] = [];

  get(uri: string): RuleHits | undefined {
    return this.byUri.get(uri);
  }

  set(uri: string, hits: RuleHits): void {
    this.byUri.set(uri, hits);
    this.changed(uri);
  }

  delete(uri: string): void {
    if (this.byUri.delete(uri)) this.changed(uri);
  }

  onDidChange(listener: (uri: string) => void): void {
    this.listeners.push(listener);
  }

  private changed(uri: string): void {
    for (const listener of this.listeners) listener(uri);
  }
}
