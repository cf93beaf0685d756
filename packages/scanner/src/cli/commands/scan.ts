import { readFile } from "node:fs/promises";
import { DomainError } from "@regscan/core";
import { Command, Option } from "commander";
import type { FindingFilter } from "../../matching/filter-findings.js";
import { parseIgnoreFile } from "../../matching/ignore-rules.js";
import { SEVERITIES, type Severity } from "../../matching/severity.js";
import type { ImageInventory } from "../../model.js";
import { getReportFormat, REPORT_FORMATS } from "../../reports/report-formats.js";
import { reportFindings } from "../../reports/report-scan.js";
import { advisoryDbUrl, openAdvisoryStore } from "../advisory-database.js";
import { cliEnv } from "../cli-env.js";
import type { CliIo } from "../cli-io.js";
import {
  addImageOptions,
  cliImageScanner,
  IMAGE_REF_HELP,
  type ImageOptions,
  inventoryImage,
} from "../image-options.js";
import {
  type AllowIncompleteOption,
  addAllowIncompleteOption,
  failIfIncomplete,
  warnIfIncomplete,
} from "../incomplete-inventory.js";
import { CLI_VERSION } from "../version.js";
import type { CliCommand } from "./cli-command.js";

export interface ScanOptions extends ImageOptions, AllowIncompleteOption {
  db?: string;
  format: string;
  output?: string;
  severity?: string;
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  exitCode: string;
  sarifLocation?: string;
}

/** Thrown when findings remain and `--exit-code N` asks for a non-zero exit: the CLI exits with `exitCode`. */
export class FindingsFound extends Error {
  override readonly name = "FindingsFound";
  constructor(
    readonly exitCode: number,
    count: number,
  ) {
    super(`${count} ${count === 1 ? "vulnerability" : "vulnerabilities"} found`);
  }
}

/** `regscan scan REF`: inventory the image, match it against the advisory database, report. */
export const scanCommand: CliCommand = {
  name: "scan",
  create(io: CliIo): Command {
    const command = new Command("scan")
      .description("find known vulnerabilities (OSV advisories) in an image's packages")
      .argument("<ref>", IMAGE_REF_HELP)
      .addOption(
        new Option("-f, --format <format>", "output format").choices(REPORT_FORMATS.map((f) => f.id)).default("table"),
      )
      .option("-o, --output <file>", "write to FILE instead of standard output")
      .option("--db <url>", "advisory database (libSQL URL; default REGSCAN_DB_URL, else file: in the cache dir)")
      .option("--severity <list>", `report only these severities (${SEVERITIES.join(",")})`)
      .option("--ignore-unfixed", "report only vulnerabilities with a fixed version")
      .option(
        "--ignore-file <file>",
        "YAML list of {id, reason, expires?, package?} to ignore (default ./.regscanignore when present)",
      )
      .option(
        "--exit-code <n>",
        "exit with N when vulnerabilities remain after filters (an incomplete inventory exits 3 first)",
        "0",
      )
      .option(
        "--sarif-location <file>",
        "SARIF: the file results point at (e.g. Dockerfile; default the image's repository path)",
      );
    addImageOptions(command);
    addAllowIncompleteOption(command);
    return command.action(async (ref: string, options: ScanOptions) => {
      const filter = await scanFilter(options, io, new Date());
      const exitCode = parseExitCode(options.exitCode);
      const store = await openAdvisoryStore(advisoryDbUrl(options.db, cliEnv(io.env)), cliEnv(io.env));
      try {
        const pipeline = cliImageScanner(options, io, store);
        const inventory: ImageInventory = await inventoryImage(ref, options, io, pipeline);
        const completeness = warnIfIncomplete(inventory, io);
        const { findings, warnings } = await pipeline.matchInventory(inventory);
        for (const warning of warnings) io.stderr.write(`regscan: warning: ${warning.message}\n`);
        const outcome = reportFindings(inventory, findings, {
          filter,
          format: getReportFormat(options.format)!,
          context: {
            color: !options.output && io.stdout.isTTY === true && !cliEnv(io.env).NO_COLOR,
            tool: { name: "regscan", version: CLI_VERSION },
            now: new Date(),
            ...(options.sarifLocation ? { sarifLocation: options.sarifLocation } : {}),
          },
        });
        if (options.output) await io.writeFile(options.output, outcome.text);
        else io.stdout.write(outcome.text);
        if (outcome.ignored.length > 0 && !options.quiet)
          io.stderr.write(`regscan: ${outcome.ignored.length} findings ignored by the ignore file.\n`);
        // Missing packages may hide findings: an incomplete inventory fails first, findings or not.
        failIfIncomplete(completeness, options);
        if (exitCode !== 0 && outcome.report.vulnerabilities.length > 0) {
          throw new FindingsFound(exitCode, outcome.report.vulnerabilities.length);
        }
      } finally {
        store.close();
      }
    });
  },
};

/** The scan's filters from its options; warnings (expired ignore rules) go to stderr. */
export async function scanFilter(
  options: Pick<ScanOptions, "severity" | "ignoreUnfixed" | "ignoreFile">,
  io: CliIo,
  now: Date,
): Promise<FindingFilter> {
  const filter: FindingFilter = { ignoreUnfixed: options.ignoreUnfixed ?? false };
  if (options.severity) filter.severities = parseSeverities(options.severity);
  const path = options.ignoreFile ?? ".regscanignore";
  const text = await readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" && options.ignoreFile === undefined) return null;
    throw new DomainError("validation_failed", `Cannot read the ignore file ${path}: ${e.message}`);
  });
  if (text !== null) {
    const ignore = parseIgnoreFile(text, now, path);
    for (const warning of ignore.warnings) io.stderr.write(`regscan: warning: ${warning}\n`);
    filter.ignore = ignore.rules;
  }
  return filter;
}

export function parseSeverities(list: string): Severity[] {
  const out: Severity[] = [];
  for (const raw of list.split(",")) {
    const s = raw.trim().toUpperCase();
    if (!s) continue;
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      throw new DomainError(
        "validation_failed",
        `--severity: unknown severity "${raw.trim()}" (use ${SEVERITIES.join(",")}).`,
      );
    }
    out.push(s as Severity);
  }
  return out;
}

export function parseExitCode(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 255)
    throw new DomainError("validation_failed", `--exit-code must be an integer from 0 to 255 (got ${value}).`);
  return n;
}
