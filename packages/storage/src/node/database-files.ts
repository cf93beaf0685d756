import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DomainError } from "@regscan/core";

/** A data folder or database file readable (or writable) by other users than the owner. */
export interface InsecureMode {
  path: string;
  mode: number;
  expected: number;
}

/** The start-stopping error for a data folder or database file that cannot be used. */
export function unavailable(message: string, cause?: unknown): DomainError {
  return new DomainError("service_unavailable", message, undefined, { cause });
}

function errno(e: unknown): string {
  const { code, message } = e as NodeJS.ErrnoException;
  return code ? `${code}: ${message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "")}` : String(message);
}

/** The data folder (0700) and database file (0600) exist and this process may write both. */
export function prepareFiles(path: string): void {
  const folder = dirname(resolve(path));
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw unavailable(`Cannot create the data folder ${folder} (${errno(e)}). Create it, or set REGSCAN_DB_URL.`, e);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw unavailable(
      `The data folder ${folder} is not writable by this user (${errno(e)}): SQLite needs it for its ` +
        "journal files. Make it writable (chmod u+w), or set REGSCAN_DB_URL to a writable place.",
      e,
    );
  }
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST")
      throw unavailable(`Cannot create the database file ${path} (${errno(e)}).`, e);
  }
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch (e) {
    throw unavailable(
      `The database file ${path} is read-only for this user (${errno(e)}). Make it writable (chmod u+w), ` +
        "or run the API as its owner.",
      e,
    );
  }
}

/** The data folder, database, WAL and shared-memory files whose mode lets other users in. */
export function findInsecureModes(path: string): InsecureMode[] {
  const out: InsecureMode[] = [];
  const candidates: [string, number][] = [
    [dirname(resolve(path)), 0o700],
    ...["", "-wal", "-shm", "-journal"].map((suffix): [string, number] => [`${path}${suffix}`, 0o600]),
  ];
  for (const [file, expected] of candidates) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // -wal / -shm exist only while open
      throw e;
    }
    if ((mode & 0o077) !== 0) out.push({ path: file, mode, expected });
  }
  return out;
}

export function fileIdentity(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
