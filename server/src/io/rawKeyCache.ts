// Remembers the key id each distinct raw key (EventScanner.keyHash/keyBytes) was interned as, so an
// event whose attribute bytes were seen before costs a hash and a compare, no decoding. Only
// audit Events are remembered: what is not one is decoded again (it is rare, and a hostile log
// must not grow the cache with garbage).
import type { EventScanner } from './scanEvent.ts';

interface Entry {
  readonly key: Uint8Array;
  readonly view: DataView;
  readonly id: number;
}

/** Beyond this many raw keys the cache starts over: it only saves time, and keeps ~400 bytes each. */
const MAX_ENTRIES = 100_000;

export class RawKeyCache {
  private readonly byHash = new Map<number, Entry | Entry[]>();

  /** The id remembered for the event the scanner holds, if its raw key was seen. */
  get(scanner: EventScanner, hash: number): number | undefined {
    const found = this.byHash.get(hash);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return scanner.keyEquals(found.key, found.view) ? found.id : undefined;
    for (const entry of found) if (scanner.keyEquals(entry.key, entry.view)) return entry.id;
    return undefined;
  }

  set(scanner: EventScanner, hash: number, id: number): void {
    const key = scanner.keyBytes();
    const entry: Entry = { key, view: new DataView(key.buffer), id };
    if (this.byHash.size >= MAX_ENTRIES) this.byHash.clear();
    const found = this.byHash.get(hash);
    if (found === undefined) this.byHash.set(hash, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.byHash.set(hash, [found, entry]);
  }
}
