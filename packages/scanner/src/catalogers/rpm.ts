/**
 * rpm cataloger (RHEL, Rocky, AlmaLinux, Fedora, Amazon Linux, Oracle Linux): reads the
 * `Packages` table of `rpmdb.sqlite` with a small pure-TS SQLite reader and parses each row's
 * header blob. Berkeley DB (`Packages`) and ndb (`Packages.db`) databases are reported as
 * `rpmdb_unsupported` notices instead of being skipped silently.
 */

import type { CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { relevantOwnedPath } from "./owned-paths.js";
import { parseRpmHeader, parseSourceRpm } from "./rpm-header.js";
import { SqliteTableReader } from "./sqlite-table-reader.js";

const SQLITE_PATHS = ["usr/lib/sysimage/rpm/rpmdb.sqlite", "var/lib/rpm/rpmdb.sqlite"];
const UNSUPPORTED: Record<string, string> = {
  "var/lib/rpm/Packages": "Berkeley DB",
  "var/lib/rpm/Packages.db": "ndb",
  "usr/lib/sysimage/rpm/Packages": "Berkeley DB",
  "usr/lib/sysimage/rpm/Packages.db": "ndb",
};
const WANTED = new Set([...SQLITE_PATHS, ...SQLITE_PATHS.map((p) => `${p}-wal`), ...Object.keys(UNSUPPORTED)]);

/** Reads the installed packages of an rpmdb.sqlite image. Never throws; problems become notices. */
export function parseRpmdbSqlite(bytes: Uint8Array, path: string): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  const ownedPaths = new Set<string>();
  const where = `/${path}`;
  if (bytes.length === 0)
    return {
      packages,
      notices: [{ code: "parse_error", message: "rpmdb.sqlite is empty", path: where, incomplete: true }],
    };
  try {
    const db = new SqliteTableReader(bytes);
    const root = db.tableRoot("Packages");
    if (root === undefined) throw new Error("no Packages table");
    for (const { rowid, values } of db.rows(root)) {
      const blob = values[1];
      if (!(blob instanceof Uint8Array)) continue;
      try {
        const h = parseRpmHeader(blob);
        if (h.name.startsWith("gpg-pubkey")) continue;
        const epoch = h.epoch === undefined ? "" : `${h.epoch}:`;
        const version = `${epoch}${h.version}${h.release ? `-${h.release}` : ""}`;
        const pkg: CatalogedPackage = { name: h.name, version, type: "rpm", path: where };
        if (h.arch) pkg.arch = h.arch;
        const source = h.sourceRpm ? parseSourceRpm(h.sourceRpm) : undefined;
        if (source) pkg.source = { name: source.name, version: `${epoch}${source.version}` };
        packages.push(pkg);
        for (const file of h.files) {
          const owned = relevantOwnedPath(file);
          if (owned !== undefined) ownedPaths.add(owned);
        }
      } catch (e) {
        notices.push({
          code: "parse_error",
          message: `rpm header ${rowid} unreadable: ${(e as Error).message}`,
          path: where,
          incomplete: true,
        });
      }
    }
  } catch (e) {
    notices.push({
      code: "parse_error",
      message: `rpmdb.sqlite unreadable: ${(e as Error).message}`,
      path: where,
      incomplete: true,
    });
  }
  return { packages, notices, ownedPaths: [...ownedPaths] };
}

function catalogRpm(view: FileView): CatalogOutput {
  const path = SQLITE_PATHS.find((p) => view.has(p));
  const data = path === undefined ? undefined : view.get(path);
  if (path === undefined || data === undefined) {
    const notices: Notice[] = Object.entries(UNSUPPORTED)
      .filter(([p]) => view.has(p))
      .map(([p, kind]) => ({
        code: "rpmdb_unsupported",
        message: `rpm ${kind} database is not supported; rpm packages were not inventoried (rpm 4.16+ images use rpmdb.sqlite)`,
        path: `/${p}`,
        incomplete: true,
      }));
    return { packages: [], notices };
  }
  const out = parseRpmdbSqlite(data, path);
  const wal = view.get(`${path}-wal`);
  if (wal !== undefined && wal.length > 0) {
    out.notices?.push({
      code: "rpmdb_wal_pending",
      message: "rpmdb.sqlite has an uncheckpointed write-ahead log; recent package changes may be missing",
      path: `/${path}-wal`,
      incomplete: true,
    });
  }
  return out;
}

/** Presence is all that matters for the WAL and unsupported databases: keep a marker byte. */
function reduceRpm(path: string, data: Uint8Array): Uint8Array {
  if (path.endsWith("rpmdb.sqlite")) return data;
  return new Uint8Array(data.length > 0 ? 1 : 0);
}

/** The rpm cataloger plug-in. */
export const rpmCataloger: Cataloger = {
  id: "rpm",
  version: "1",
  os: true,
  maxFileSize: 256 * 1024 * 1024,
  wants: (path) => WANTED.has(path),
  reduce: reduceRpm,
  catalog: (view) => catalogRpm(view),
};
