import { Command, Option } from "commander";
import type { AdvisoryStore, EcosystemStatus } from "../../advisories/advisory-store.js";
import type { ImportResult } from "../../advisories/import-batcher.js";
import { importPaths } from "../../advisories/node/import-paths.js";
import { type UpdateProgress, updateEcosystem } from "../../advisories/update-ecosystem.js";
import { DEFAULT_OSV_EXPORTS } from "../../package-types.js";
import { formatBytes } from "../../walk/byte-budget.js";
import { advisoryDbUrl, openAdvisoryStore } from "../advisory-database.js";
import { cliEnv } from "../cli-env.js";
import type { CliIo } from "../cli-io.js";
import type { CliCommand } from "./cli-command.js";

/** Exports `regscan db update` fetches when the database holds none yet. */
export const DEFAULT_ECOSYSTEMS = DEFAULT_OSV_EXPORTS;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const dbOption = () =>
  new Option("--db <url>", "advisory database (libSQL URL; default REGSCAN_DB_URL, else file: in the cache dir)");

/** `regscan db update|import|status`: the local OSV advisory database. */
export const dbCommand: CliCommand = {
  name: "db",
  create(io: CliIo): Command {
    const db = new Command("db").description("manage the local OSV advisory database");
    // runCli copies the program's settings (exitOverride, output) onto each command; pass them
    // on to the subcommands too, so `db update --bogus` reports instead of exiting the process.
    const copy = db.copyInheritedSettings.bind(db);
    db.copyInheritedSettings = (parent: Command) => {
      copy(parent);
      for (const sub of db.commands) sub.copyInheritedSettings(db);
      return db;
    };
    db.command("update")
      .description("download OSV exports (all.zip the first time, then only modified records)")
      .option(
        "-e, --ecosystem <name>",
        `OSV ecosystem export, repeatable (default: those in the database, else ${DEFAULT_ECOSYSTEMS.join(", ")})`,
        collect,
      )
      .option("--full", "download the whole export even when an incremental refresh is possible")
      .option("-q, --quiet", "no progress output")
      .addOption(dbOption())
      .action((options: { ecosystem?: string[]; full?: boolean; quiet?: boolean; db?: string }) =>
        withStore(io, options.db, async (store) => {
          const known = (await store.status()).filter((s) => s.importedAt !== null).map((s) => s.ecosystem);
          const ecosystems = options.ecosystem ?? (known.length > 0 ? known : [...DEFAULT_ECOSYSTEMS]);
          const progress = io.stderr.isTTY === true && !options.quiet;
          for (const ecosystem of ecosystems) {
            const result = await updateEcosystem(store, {
              ecosystem,
              baseUrl: cliEnv(io.env).REGSCAN_OSV_URL,
              full: options.full ?? false,
              onProgress: progress ? progressBar(io, ecosystem) : undefined,
            });
            if (progress) io.stderr.write("\r\u001b[K");
            io.stdout.write(
              `${ecosystem}: ${describe(result)} (${result.mode}${result.removed ? `, ${result.removed} removed` : ""})\n`,
            );
            warnRefused(io, result);
          }
        }),
      );
    db.command("import")
      .description("import local OSV exports: all.zip files or folders of OSV JSON files (offline)")
      .argument("<paths...>", "FILE.zip or DIR")
      .option("-e, --ecosystem <name>", "the export these records belong to (default: each record's ecosystem)")
      .addOption(dbOption())
      .action((paths: string[], options: { ecosystem?: string; db?: string }) =>
        withStore(io, options.db, async (store) => {
          const results = await importPaths(store, paths, options.ecosystem ? { source: options.ecosystem } : {});
          const now = new Date().toISOString();
          for (const [i, result] of results.entries()) {
            for (const [source, lastModified] of Object.entries(result.sources))
              await store.markImported(source, lastModified, now);
            io.stdout.write(`${paths[i]}: ${describe(result)}\n`);
            for (const bad of result.invalid.slice(0, 10))
              io.stderr.write(`regscan: skipped ${bad.name}: ${bad.reason}\n`);
            if (result.invalidCount > 10)
              io.stderr.write(`regscan: … and ${result.invalidCount - 10} more invalid entries\n`);
            warnRefused(io, result);
          }
        }),
      );
    db.command("status")
      .description("per-ecosystem record counts and freshness")
      .option("--json", "print JSON")
      .addOption(dbOption())
      .action((options: { json?: boolean; db?: string }) =>
        withStore(io, options.db, async (store) => {
          const status = await store.status();
          io.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : statusTable(status));
        }),
      );
    return db;
  },
};

async function withStore(
  io: CliIo,
  db: string | undefined,
  work: (store: AdvisoryStore) => Promise<void>,
): Promise<void> {
  const store = await openAdvisoryStore(advisoryDbUrl(db, cliEnv(io.env)), cliEnv(io.env));
  try {
    await work(store);
  } finally {
    store.close();
  }
}

function describe(result: ImportResult): string {
  const parts = [`${result.imported} records`];
  if (result.withdrawn) parts.push(`${result.withdrawn} withdrawn`);
  if (result.invalidCount) parts.push(`${result.invalidCount} invalid`);
  if (result.refusedCount) parts.push(`${result.refusedCount} refused as too large`);
  return parts.join(", ");
}

/** One warning per refused record (the first 10), then a count. */
function warnRefused(io: CliIo, result: ImportResult): void {
  for (const refused of result.refused.slice(0, 10))
    io.stderr.write(`regscan: warning: refused ${refused.name}: it ${refused.reason}\n`);
  if (result.refusedCount > 10)
    io.stderr.write(`regscan: warning: … and ${result.refusedCount - 10} more records refused as too large\n`);
}

/** `Debian  ████████░░░░  42.0 MiB / 80.0 MiB`, redrawn at most every 100 ms. */
function progressBar(io: CliIo, ecosystem: string): (p: UpdateProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done !== p.total) return;
    last = now;
    const fmt = (n: number) => (p.phase === "download" ? formatBytes(n) : String(n));
    const ratio = p.total ? Math.min(1, p.done / p.total) : 0;
    const bar = p.total ? `${"█".repeat(Math.round(ratio * 24)).padEnd(24, "░")}  ` : "";
    const label = p.phase === "download" ? "" : " records";
    io.stderr.write(`\r\u001b[K${ecosystem}  ${bar}${fmt(p.done)}${p.total ? ` / ${fmt(p.total)}` : ""}${label}`);
  };
}

export function statusTable(status: readonly EcosystemStatus[]): string {
  if (status.length === 0) return "The advisory database is empty: run `regscan db update` or `regscan db import`.\n";
  const rows = [["ECOSYSTEM", "RECORDS", "LAST MODIFIED", "IMPORTED AT"]];
  for (const s of status) rows.push([s.ecosystem, String(s.records), s.lastModified ?? "-", s.importedAt ?? "-"]);
  const widths = rows[0]!.map((_, i) => rows.reduce((width, r) => Math.max(width, r[i]!.length), 0));
  return `${rows
    .map((r) =>
      r
        .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}
