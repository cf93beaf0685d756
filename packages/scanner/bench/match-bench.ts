/**
 * Match benchmark (`tsx bench/match-bench.ts [advisories] [packages]`): generates OSV advisories
 * with realistic shapes (Debian source packages over several releases, npm GHSA ranges, PyPI
 * PYSEC ranges + versions lists), writes them as an OSV export zip, imports it with the
 * streaming importer into a temp libSQL file, then matches packages against it. Prints import
 * time, match time (target ≤ 1 s for 1,000 packages against 100,000 advisories) and RSS growth
 * while matching (flat in the number of advisories: indexed lookups, never a full load).
 */

import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { importOsvZip } from "../src/advisories/import-osv-zip.js";
import type { OsvRecord } from "../src/advisories/osv-record.js";
import { openAdvisoryStore } from "../src/cli/advisory-database.js";
import { matchPackages } from "../src/matching/match-packages.js";
import type { ImagePackage } from "../src/model.js";

const ADVISORIES = Number(process.argv[2] ?? 100_000);
const PACKAGES = Number(process.argv[3] ?? 1_000);
const MiB = 1024 * 1024;

/** Deterministic PRNG (mulberry32), so every run benchmarks the same data. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(42);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const semver = () => `${int(12)}.${int(30)}.${int(20)}`;
const debVersion = (release: number) => `${int(9) + 1}.${int(20)}.${int(10)}-${int(5) + 1}+deb${release}u${int(6) + 1}`;
const DETAILS =
  "A flaw was found in the parser that allows a remote attacker to cause a denial of service or possibly execute arbitrary code via crafted input. ".repeat(
    2,
  );
const VECTORS = [
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N",
  "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H",
];
const debNames = Array.from({ length: 3_000 }, (_, i) => `src-pkg-${i}`);
const npmNames = Array.from({ length: 20_000 }, (_, i) => (i % 5 === 0 ? `@scope${i % 97}/lib-${i}` : `lib-${i}`));
const pypiNames = Array.from({ length: 8_000 }, (_, i) => `Py_Package.${i}`);

function advisory(i: number): OsvRecord {
  const kind = i % 20 < 8 ? "debian" : i % 20 < 15 ? "npm" : "pypi";
  const cve = `CVE-${2015 + (i % 10)}-${10_000 + i}`;
  if (kind === "debian") {
    const name = pick(debNames);
    const releases = [11, 12, 13].filter(() => rand() < 0.7);
    return {
      id: `DEBIAN-${cve}`,
      modified: `2024-0${1 + (i % 9)}-1${i % 10}T00:00:00Z`,
      upstream: [cve],
      details: DETAILS,
      affected: (releases.length ? releases : [12]).map((r) => ({
        package: { ecosystem: `Debian:${r}`, name, purl: `pkg:deb/debian/${name}?arch=source` },
        ranges: [
          {
            type: "ECOSYSTEM",
            events: rand() < 0.2 ? [{ introduced: "0" }] : [{ introduced: "0" }, { fixed: debVersion(r) }],
          },
        ],
        ecosystem_specific: { urgency: pick(["unimportant", "low", "medium", "high", "not yet assigned"]) },
      })),
    };
  }
  const ecosystem = kind === "npm" ? "npm" : "PyPI";
  const name = kind === "npm" ? pick(npmNames) : pick(pypiNames);
  const segments = 1 + int(2);
  const events = [];
  for (let s = 0; s < segments; s++)
    events.push(
      { introduced: s === 0 ? "0" : `${s * 4}.0.0` },
      { fixed: `${s * 4 + 1 + int(3)}.${int(10)}.${int(10)}` },
    );
  return {
    id: kind === "npm" ? `GHSA-${i.toString(36).padStart(4, "0")}-bnch-mark` : `PYSEC-${2015 + (i % 10)}-${i}`,
    modified: `2023-1${i % 3}-0${1 + (i % 9)}T00:00:00Z`,
    aliases: [cve],
    summary: "Prototype pollution in a widely used helper",
    details: DETAILS,
    severity: [{ type: "CVSS_V3", score: pick(VECTORS) }],
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: "ECOSYSTEM", events }],
        ...(kind === "pypi" ? { versions: Array.from({ length: 5 + int(15) }, semver) } : {}),
      },
    ],
    database_specific: { severity: pick(["LOW", "MODERATE", "HIGH", "CRITICAL"]) },
  };
}

function installed(i: number): ImagePackage {
  const layer = "sha256:bench";
  if (i % 10 < 4) {
    const source = pick(debNames);
    const version = debVersion(12);
    return {
      name: `lib${source}`,
      version,
      type: "deb",
      source: { name: source, version },
      path: "/var/lib/dpkg/status",
      ecosystem: "Debian:12",
      purl: `pkg:deb/debian/lib${source}@${version}`,
      layer,
    };
  }
  if (i % 10 < 8) {
    const name = pick(npmNames);
    return {
      name,
      version: semver(),
      type: "npm",
      path: `/app/node_modules/${name}/package.json`,
      ecosystem: "npm",
      purl: `pkg:npm/${name}`,
      layer,
    };
  }
  const name = pick(pypiNames)
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
  return {
    name,
    version: semver(),
    type: "pypi",
    path: "/usr/lib/python3/site-packages",
    ecosystem: "PyPI",
    purl: `pkg:pypi/${name}`,
    layer,
  };
}

async function writeZip(path: string, count: number): Promise<void> {
  const fd = openSync(path, "w");
  await new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      writeSync(fd, chunk);
      if (final) resolve();
    });
    const encoder = new TextEncoder();
    for (let i = 0; i < count; i++) {
      const record = advisory(i);
      const entry = new ZipDeflate(`${record.id}.json`, { level: 6 });
      zip.add(entry);
      entry.push(encoder.encode(JSON.stringify(record)), true);
    }
    zip.end();
  });
  closeSync(fd);
}

const dir = mkdtempSync(join(tmpdir(), "regscan-match-bench-"));
try {
  const zipPath = join(dir, "all.zip");
  let t = performance.now();
  await writeZip(zipPath, ADVISORIES);
  console.log(
    `generated ${ADVISORIES} advisories: ${(statSync(zipPath).size / MiB).toFixed(1)} MiB zip in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // As `regscan db import` opens it: created and migrated by @regscan/storage.
  const store = await openAdvisoryStore(`file:${join(dir, "advisories.db")}`, {});
  t = performance.now();
  const imported = await importOsvZip(store, createReadStream(zipPath, { highWaterMark: 1 << 20 }));
  const importSeconds = (performance.now() - t) / 1000;
  console.log(
    `import (streamed zip → libSQL): ${imported.imported} records in ${importSeconds.toFixed(1)} s (target < 60 s)`,
  );

  const packages = Array.from({ length: PACKAGES }, (_, i) => installed(i));
  await matchPackages(store, packages.slice(0, 10)); // warm up (JIT, prepared statements)
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const findings = await matchPackages(store, packages);
  const matchMs = performance.now() - t;
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `match: ${PACKAGES} packages → ${findings.length} findings in ${matchMs.toFixed(0)} ms (target ≤ 1000 ms)`,
  );
  console.log(
    `RSS: ${(rssBefore / MiB).toFixed(0)} MiB before matching, ${rssAfter >= rssBefore ? "+" : ""}${((rssAfter - rssBefore) / MiB).toFixed(1)} MiB during`,
  );
  store.close();
  // Loading the advisories instead of looking them up would add hundreds of MiB at 100,000.
  const flat = (rssAfter - rssBefore) / MiB <= 64;
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(
    `import < 60 s: ${verdict(importSeconds < 60)}; match <= 1 s: ${verdict(matchMs <= 1000)}; RSS growth <= 64 MiB: ${verdict(flat)}`,
  );
  if (importSeconds >= 60 || matchMs > 1000 || !flat) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
