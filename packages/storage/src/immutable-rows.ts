/**
 * A bounded memo of rows that never change once they are written (a project; a scan job that has
 * ended), so the hot read paths (every project route checks its project; clients poll a scan)
 * skip the database for them. Only rows that no statement of this package updates or deletes may
 * go in: the memo is then right for every process sharing the database. Values are deep-frozen
 * (shared between callers); the oldest entry goes first beyond `maxEntries`.
 */
export class ImmutableRows<T extends object> {
  readonly #rows = new Map<string, T>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): T | undefined {
    return this.#rows.get(key);
  }

  set(key: string, value: T): T {
    if (this.#rows.size >= this.maxEntries) this.#rows.delete(this.#rows.keys().next().value as string);
    const frozen = deepFreeze(value);
    this.#rows.set(key, frozen);
    return frozen;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value) && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
