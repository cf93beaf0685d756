/**
 * Hostile images and advisory exports through the real CLI (child process): each run ends with
 * a clear error or a result, in bounded time, with its peak RSS measured (issue 8, items 4-6, 9).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { deflatedZip } from "../advisories/test-support/deflated-zip.js";
import { writeOciLayout } from "../sources/node/test-support/write-oci-layout.js";
import { layerFixture } from "../walk/test-support/memory-image-source.js";
import { concatBytes, paxEntry, TAR_END, tarFile, tarHeader } from "../walk/test-support/tar-bytes.js";
import { rawBlocks, rleBlocks, zstdFrame } from "../walk/test-support/zstd-bytes.js";
import { runMeasured } from "./test-support/run-measured.js";

const MiB = 1024 * 1024;
const root = mkdtempSync(join(tmpdir(), "regscan-bounded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = (name: string) => ({ HOME: root, REGSCAN_CACHE_DIR: join(root, name, "cache") });
const folderBytes = (dir: string): number => {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
};

describe("regscan sbom on hostile images", () => {
  it("streams a 132 KB zstd layer inflating to 4 GiB in bounded memory until the budget stops it", async () => {
    // One tar entry of 4 GiB of zeros: 32768 RLE blocks of 128 KiB (4 bytes each).
    const bomb = zstdFrame(21, [...rawBlocks(tarHeader({ name: "data", size: 4 * 1024 * MiB })), ...rleBlocks(32768)]);
    const dir = writeOciLayout(join(root, "zstd"), [
      { blob: bomb, diffId: `sha256:${"0".repeat(64)}`, mediaType: "application/vnd.oci.image.layer.v1.tar+zstd" },
    ]).dir;
    const run = await runMeasured(
      ["sbom", `oci:${dir}`, "--no-cache", "--max-uncompressed-size", "768MiB"],
      env("zstd"),
    );
    expect(run.stderr).toContain("image_too_large");
    expect(run.code).toBe(3);
    expect(run.peakMiB).toBeLessThan(300);
  }, 90_000);

  it("keeps 20 package.json files of 32 MiB each in bounded memory and cache, marking the inventory incomplete", async () => {
    // 40 members of one gzip stream; the 32 MiB body compresses to ~32 KiB and is reused.
    const body = gzipSync(new Uint8Array(32 * MiB).fill(0x20), { level: 9 });
    const hash = createHash("sha256");
    const members: Uint8Array[] = [];
    const spaces = new Uint8Array(32 * MiB).fill(0x20);
    for (let i = 0; i < 20; i++) {
      const header = tarHeader({ name: `app/node_modules/p${i}/package.json`, size: 32 * MiB });
      hash.update(header).update(spaces);
      members.push(gzipSync(header), body);
    }
    hash.update(TAR_END);
    members.push(gzipSync(TAR_END));
    const dir = writeOciLayout(join(root, "npm"), [
      { blob: concatBytes(members), diffId: `sha256:${hash.digest("hex")}` },
    ]).dir;
    const run = await runMeasured(["sbom", `oci:${dir}`, "--format", "json"], env("npm"));
    expect(run.peakMiB).toBeLessThan(640);
    expect(folderBytes(join(root, "npm", "cache"))).toBeLessThan(200 * MiB);
    expect(run.stdout + run.stderr).toContain("kept_bytes_exceeded");
  }, 90_000);

  it.each([
    ["size=-1536", 'pax size "-1536"'],
    ["size=abc", 'pax size "abc"'],
  ])(
    "ends a docker-archive whose pax header says %s with scan_failed",
    async (record, text) => {
      const file = join(root, `pax-${record.replace(/\W/g, "")}.tar`);
      writeFileSync(file, concatBytes([tarFile("manifest.json", "[]"), paxEntry([record]), tarFile("x", ""), TAR_END]));
      const run = await runMeasured(["sbom", `docker-archive:${file}`], env("pax"), 30_000);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("scan_failed");
      expect(run.stderr).toContain(text);
    },
    40_000,
  );

  it("refuses an OCI layout whose layer is a FIFO instead of reading it forever", async () => {
    const layout = writeOciLayout(join(root, "fifo"), [
      { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") },
    ]);
    rmSync(layout.layerFiles[0]!);
    execFileSync("mkfifo", [layout.layerFiles[0]!]);
    const run = await runMeasured(["sbom", `oci:${layout.dir}`, "--no-cache"], env("fifo"), 30_000);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("a FIFO (named pipe), not a regular file");
  }, 40_000);
});

describe("regscan db import on hostile exports", () => {
  it("refuses a 1 GiB record in a 5 MB zip, counted, in bounded memory", async () => {
    const zip = deflatedZip([
      { name: "BOMB.json", data: new Uint8Array(1024 * MiB) },
      { name: "A-1.json", data: new TextEncoder().encode('{"id":"A-1","modified":"2024-01-01T00:00:00Z"}') },
    ]);
    const file = join(root, "bomb.zip");
    writeFileSync(file, zip);
    const run = await runMeasured(["db", "import", file, "--db", `file:${join(root, "bomb.db")}`], env("db"));
    expect(run.peakMiB).toBeLessThan(300);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 records, 1 refused as too large");
    expect(run.stderr).toContain("refused BOMB.json");
  }, 90_000);
});
