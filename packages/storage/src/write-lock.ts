import type { Client } from "@libsql/client";
import { createSerialLock, type SerialLock } from "@regscan/core";

/** Runs tasks one at a time, in call order. */
export type WriteLock = SerialLock;

const locks = new WeakMap<Client, WriteLock>();

/**
 * The write lock of one libSQL client, shared by every store over it. Why it exists: the embedded
 * driver is synchronous, so a connection waiting for SQLite's write lock (busy timeout) blocks the
 * whole event loop, and a transaction of this same process that holds the lock could then never
 * finish: a deadlock until the timeout. Writes of one process therefore queue here, and SQLite's
 * busy timeout only ever waits for other processes.
 */
export function writeLockOf(client: Client): WriteLock {
  let lock = locks.get(client);
  if (!lock) {
    lock = createSerialLock();
    locks.set(client, lock);
  }
  return lock;
}
