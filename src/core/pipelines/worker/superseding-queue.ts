/**
 * Waiting work, one item per key: pushing a key that waits replaces the old
 * item (a newer version of a document supersedes the pending one). Urgent
 * items (what the user is typing in) go before background ones (indexing).
 * Bounded: past `capacity` the oldest background item, else the oldest
 * urgent one, is dropped and handed back.
 */
export class SupersedingQueue<T> {
  private readonly urgent = new Map<string, T>();
  private readonly background = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.urgent.size + this.background.size;
  }

  has(key: string): boolean {
    return this.urgent.has(key) || this.background.has(key);
  }

  /** Queues `item`; returns what it replaced for the same key and what the bound dropped. */
  push(key: string, item: T, urgent: boolean): { replaced?: T; dropped?: T } {
    const replaced = this.take(key);
    (urgent ? this.urgent : this.background).set(key, item);
    const dropped = this.size > this.capacity ? this.takeOldest(this.background.size ? this.background : this.urgent) : undefined;
    return { ...(replaced !== undefined ? { replaced } : {}), ...(dropped !== undefined ? { dropped } : {}) };
  }

  /** The next item to run: urgent first, each kind in arrival order. */
  shift(): T | undefined {
    return this.takeOldest(this.urgent.size ? this.urgent : this.background);
  }

  /** Removes and returns the item waiting for `key`. */
  take(key: string): T | undefined {
    const item = this.urgent.get(key) ?? this.background.get(key);
    this.urgent.delete(key);
    this.background.delete(key);
    return item;
  }

  private takeOldest(from: Map<string, T>): T | undefined {
    const first = from.entries().next();
    if (first.done) return undefined;
    from.delete(first.value[0]);
    return first.value[1];
  }
}
