import type { Client, InStatement, InValue } from "@libsql/client";
import { DomainError } from "@regscan/core";
import type { AdvisoryStore, EcosystemStatus, PackageKey, UpsertOptions } from "./advisory-store.js";
import { packageKeyId } from "./advisory-store.js";
import { lookupEcosystems, normalizePackageName, recordSource } from "./ecosystem.js";
import type { OsvRecord } from "./osv-record.js";

/** Rows per multi-row statement (SQLite allows 32766 parameters). */
const CHUNK = 500;

/**
 * `AdvisoryStore` over libSQL (`file:` locally, `libsql://` / `https://` for Turso). Pass a
 * client from `@libsql/client` (Node) or `@libsql/client/web` (Workers) of a database migrated by
 * `@regscan/storage` (its migrations own the advisory tables; nothing is created here). `close()`
 * closes the client unless `closeClient: false` (the API shares it with its repositories).
 */
export async function createLibsqlAdvisoryStore(
  client: Client,
  options: { closeClient?: boolean } = {},
): Promise<AdvisoryStore> {
  if (isLocalFile(client)) {
    // Faster bulk imports on a local file; harmless to skip elsewhere.
    await client.execute("PRAGMA journal_mode = WAL").catch(() => undefined);
    await client.execute("PRAGMA synchronous = NORMAL").catch(() => undefined);
  }
  try {
    await client.execute("SELECT id FROM advisories LIMIT 0");
  } catch (error) {
    if (!/no such table/i.test(String((error as Error).message))) throw error;
    throw new DomainError(
      "internal",
      "The database has no advisory tables: apply regscan's migrations first (the API does on start; `regscan db` does on its own database).",
    );
  }
  return new LibsqlAdvisoryStore(client, options.closeClient ?? true);
}

function isLocalFile(client: Client): boolean {
  return client.protocol === "file";
}

class LibsqlAdvisoryStore implements AdvisoryStore {
  constructor(
    private readonly client: Client,
    private readonly closeClient: boolean,
  ) {}

  async findByPackage(ecosystem: string, name: string): Promise<OsvRecord[]> {
    const key = { ecosystem, name };
    return (await this.findForPackages([key])).get(packageKeyId(key)) ?? [];
  }

  async findForPackages(keys: readonly PackageKey[]): Promise<Map<string, OsvRecord[]>> {
    const wanted = new Map<string, Set<string>>();
    for (const key of keys) {
      const name = normalizePackageName(key.ecosystem, key.name);
      for (const eco of lookupEcosystems(key.ecosystem)) {
        const names = wanted.get(eco) ?? new Set<string>();
        wanted.set(eco, names);
        names.add(name);
      }
    }
    const parsed = new Map<string, OsvRecord>();
    const hits = new Map<string, string[]>(); // "eco\0name" -> advisory ids
    for (const [eco, names] of wanted) {
      for (const part of chunks([...names], CHUNK)) {
        const rs = await this.client.execute({
          sql: `SELECT ai.name, a.id, a.json FROM affected_index ai JOIN advisories a ON a.id = ai.advisory_id
                WHERE ai.ecosystem = ? AND ai.name IN (${part.map(() => "?").join(",")})`,
          args: [eco, ...part],
        });
        for (const row of rs.rows) {
          const id = String(row.id);
          if (!parsed.has(id)) parsed.set(id, JSON.parse(String(row.json)) as OsvRecord);
          const hitKey = `${eco}\u0000${String(row.name)}`;
          const list = hits.get(hitKey);
          if (list) list.push(id);
          else hits.set(hitKey, [id]);
        }
      }
    }
    const result = new Map<string, OsvRecord[]>();
    for (const key of keys) {
      const name = normalizePackageName(key.ecosystem, key.name);
      const ids = new Set<string>();
      for (const eco of lookupEcosystems(key.ecosystem)) {
        for (const id of hits.get(`${eco}\u0000${name}`) ?? []) ids.add(id);
      }
      result.set(
        packageKeyId(key),
        [...ids].sort().map((id) => parsed.get(id)!),
      );
    }
    return result;
  }

  async upsert(records: readonly OsvRecord[], options: UpsertOptions = {}): Promise<void> {
    if (records.length === 0) return;
    const live = records.filter((r) => !r.withdrawn);
    const gone = records.filter((r) => r.withdrawn).map((r) => r.id);
    const statements: InStatement[] = [...deleteStatements([...gone, ...live.map((r) => r.id)], true)];
    for (const statement of deleteStatements(gone, false)) statements.push(statement);
    for (const part of chunks(live, CHUNK)) {
      const args: InValue[] = [];
      for (const r of part) {
        args.push(r.id, options.source ?? recordSource(r), r.modified, null, options.run ?? 0, JSON.stringify(r));
      }
      statements.push({
        sql: `INSERT INTO advisories (id, ecosystem, modified, withdrawn, run, json) VALUES ${part
          .map(() => "(?,?,?,?,?,?)")
          .join(",")}
          ON CONFLICT(id) DO UPDATE SET ecosystem = excluded.ecosystem, modified = excluded.modified,
          withdrawn = excluded.withdrawn, run = excluded.run, json = excluded.json`,
        args,
      });
    }
    const rows = live.flatMap((r) => indexRows(r));
    for (const part of chunks(rows, CHUNK)) {
      statements.push({
        sql: `INSERT INTO affected_index (ecosystem, name, advisory_id) VALUES ${part.map(() => "(?,?,?)").join(",")}`,
        args: part.flat(),
      });
    }
    await this.client.batch(statements, "write");
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.client.batch([...deleteStatements(ids, true), ...deleteStatements(ids, false)], "write");
  }

  async removeStale(source: string, run: number): Promise<number> {
    const where = "WHERE ecosystem = ? AND run <> ?";
    const rs = await this.client.batch(
      [
        {
          sql: `DELETE FROM affected_index WHERE advisory_id IN (SELECT id FROM advisories ${where})`,
          args: [source, run],
        },
        { sql: `DELETE FROM advisories ${where}`, args: [source, run] },
      ],
      "write",
    );
    return rs[1]?.rowsAffected ?? 0;
  }

  async markImported(source: string, lastModified: string | null, importedAt: string): Promise<void> {
    await this.client.execute({
      sql: `INSERT INTO ecosystem_state (ecosystem, last_modified, imported_at) VALUES (?, ?, ?)
            ON CONFLICT(ecosystem) DO UPDATE SET last_modified = excluded.last_modified, imported_at = excluded.imported_at`,
      args: [source, lastModified, importedAt],
    });
  }

  async status(): Promise<EcosystemStatus[]> {
    const counts = await this.client.execute(
      "SELECT ecosystem, count(*) AS n, max(modified) AS m FROM advisories GROUP BY ecosystem",
    );
    const states = await this.client.execute("SELECT ecosystem, last_modified, imported_at FROM ecosystem_state");
    const out = new Map<string, EcosystemStatus>();
    for (const row of counts.rows) {
      const eco = String(row.ecosystem);
      out.set(eco, { ecosystem: eco, records: Number(row.n), lastModified: stringOrNull(row.m), importedAt: null });
    }
    for (const row of states.rows) {
      const eco = String(row.ecosystem);
      const entry = out.get(eco) ?? { ecosystem: eco, records: 0, lastModified: null, importedAt: null };
      entry.lastModified = stringOrNull(row.last_modified) ?? entry.lastModified;
      entry.importedAt = stringOrNull(row.imported_at);
      out.set(eco, entry);
    }
    return [...out.values()].sort((a, b) => a.ecosystem.localeCompare(b.ecosystem));
  }

  close(): void {
    if (this.closeClient) this.client.close();
  }
}

function deleteStatements(ids: readonly string[], indexOnly: boolean): InStatement[] {
  const table = indexOnly ? "affected_index" : "advisories";
  const column = indexOnly ? "advisory_id" : "id";
  return chunks([...ids], CHUNK).map((part) => ({
    sql: `DELETE FROM ${table} WHERE ${column} IN (${part.map(() => "?").join(",")})`,
    args: part,
  }));
}

/** Distinct (ecosystem, normalised name, id) rows for a record's affected packages. */
function indexRows(record: OsvRecord): [string, string, string][] {
  const seen = new Set<string>();
  const rows: [string, string, string][] = [];
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg?.ecosystem || !pkg.name) continue;
    const name = normalizePackageName(pkg.ecosystem, pkg.name);
    const key = `${pkg.ecosystem}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([pkg.ecosystem, name, record.id]);
  }
  return rows;
}

function stringOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
