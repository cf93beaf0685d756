import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goBinaryCataloger } from "./go-binary.js";
import { GO_SCAN_LIMITS, GoBuildInfoScanner } from "./go-build-info-scanner.js";
import { catalogFixture, runSink } from "./test-support/extract-view.js";
import { fixtureDir, memoryView } from "./test-support/fixture-view.js";

const FIXTURE = "go-binaries";
const BINARIES = ["gofixture-static", "gofixture-pie", "gofixture-go115"];
const binary = (name: string) => new Uint8Array(readFileSync(join(fixtureDir(FIXTURE), "usr/local/bin", name)));

/**
 * What `go version -m` printed for the binary (saved beside it), restated as packages: stdlib at
 * the Go version, the main module unless (devel), each dep as its `=>` replacement when there is
 * one, a directory replacement (no version, or `(devel)`) keeping the module path at `(devel)`.
 */
function expectedFromGoVersion(name: string): string[] {
  const lines = readFileSync(join(fixtureDir(FIXTURE), `${name}.go-version-m.txt`), "utf8").split("\n");
  const out = [`stdlib@${lines[0]!.split(": ")[1]}`];
  const deps: { path: string; version: string }[] = [];
  for (const line of lines.slice(1)) {
    const [, word, path = "", version = ""] = line.split("\t");
    if (word === "mod" && version !== "(devel)") out.push(`${path}@${version}`);
    if (word === "dep") deps.push({ path, version });
    if (word === "=>") {
      const dep = deps.at(-1)!;
      if (path.startsWith(".") || version === "" || version === "(devel)") dep.version = "(devel)";
      else Object.assign(dep, { path, version });
    }
  }
  for (const d of deps) out.push(`${d.path}@${d.version}`);
  return out;
}

function scan(data: Uint8Array, chunkSize: number) {
  const scanner = new GoBuildInfoScanner();
  for (let at = 0; at < data.length; at += chunkSize) {
    if (!scanner.write(data.subarray(at, at + chunkSize))) break;
  }
  return scanner.end();
}

describe("goBinaryCataloger on real binaries (Debian's Go toolchains, checked against `go version -m`)", () => {
  const out = catalogFixture(FIXTURE, goBinaryCataloger);

  it("streams only the executables and keeps a small result per Go binary", () => {
    expect(out.streamed).toEqual(BINARIES.map((b) => `usr/local/bin/${b}`).sort());
    expect(out.kept).toEqual(out.streamed);
    for (const path of out.kept) expect(out.view.get(path)!.length).toBeLessThan(4096);
  });

  it.each(BINARIES)("%s: stdlib, deps with replacements honoured, no (devel) main module", (name) => {
    const packages = out.packages.filter((p) => p.path === `/usr/local/bin/${name}`);
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual(expectedFromGoVersion(name));
    expect(packages.every((p) => p.type === "golang")).toBe(true);
    expect(out.notices).toEqual([]);
  });

  it.each([1, 7, 4093, 65536, 1 << 20])(
    "finds the same build info with %i-byte chunks",
    (size) => {
      for (const name of ["gofixture-static", "gofixture-go115"]) {
        expect(scan(binary(name), size)).toEqual(scan(binary(name), 1 << 30));
      }
    },
    60_000,
  );

  it.each([1, 5, 13, 20, 31, 40])("finds the header when a chunk ends %i bytes into it", (cut) => {
    const data = binary("gofixture-static");
    const magic = Buffer.from(data).indexOf("\xff Go buildinf:", 0, "latin1");
    const scanner = new GoBuildInfoScanner();
    scanner.write(data.subarray(0, magic + cut));
    scanner.write(data.subarray(magic + cut));
    expect(scanner.end()).toMatchObject({ kind: "found", goVersion: "go1.19.8" });
  });
});

/** A PE-looking file ("MZ") with a Go ≥ 1.18 build-info header at offset 4096 and `tail` after it. */
function syntheticBinary(header: number[], tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(4096 + 32 + tail.length);
  out.set([0x4d, 0x5a], 0);
  out.set([0xff, ...new TextEncoder().encode(" Go buildinf:")], 4096);
  out.set(header, 4096 + 14);
  out.set(tail, 4096 + 32);
  return out;
}

const varint = (n: number) => {
  const out: number[] = [];
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v];
    out.push((v % 128) | 128);
  }
};

describe("goBinaryCataloger on hostile input", () => {
  const catalog = (data: Uint8Array) => {
    const extract = runSink(goBinaryCataloger, "bin/x", 0o755, data, 4096);
    return goBinaryCataloger.catalog(memoryView(extract ? { "bin/x": extract } : {}), { os: null });
  };
  const encoder = new TextEncoder();

  it("reports truncated build info as an incomplete notice, not packages", () => {
    const data = binary("gofixture-static");
    const magic = Buffer.from(data).indexOf("\xff Go buildinf:", 0, "latin1");
    const out = catalog(data.subarray(0, magic + 100));
    expect(out.packages).toEqual([]);
    expect(out.notices).toEqual([
      expect.objectContaining({ code: "go_buildinfo_unreadable", path: "/bin/x", incomplete: true }),
    ]);
  });

  it.each([
    { name: "a huge varint", tail: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) },
    { name: "a version longer than the limit", tail: Uint8Array.from(varint(GO_SCAN_LIMITS.maxVersion + 1)) },
    {
      name: "module info longer than the limit",
      tail: Uint8Array.from([...varint(8), ...encoder.encode("go1.22.0"), ...varint(GO_SCAN_LIMITS.maxModinfo + 1)]),
    },
  ])("refuses $name", ({ tail }) => {
    const out = catalog(syntheticBinary([8, 2], tail));
    expect(out.packages).toEqual([]);
    expect(out.notices?.[0]).toMatchObject({ code: "go_buildinfo_unreadable", incomplete: true });
  });

  it("skips a stray copy of the magic with an impossible header and reads the real one after it", () => {
    const modinfo = `${"x".repeat(16)}path\tex\nmod\tex\tv1.2.3\t\n${"y".repeat(16)}`;
    const tail = Uint8Array.from([
      ...varint(8),
      ...encoder.encode("go1.22.0"),
      ...varint(modinfo.length),
      ...encoder.encode(modinfo),
    ]);
    const real = syntheticBinary([8, 2], tail);
    const data = new Uint8Array(real.length + 4096);
    data.set(real.subarray(0, 4096), 0);
    data.set(real.subarray(4096, 4096 + 14), 2048); // magic only, followed by zeros: pointer size 0
    data.set(real.subarray(4096), 4096);
    const out = catalog(data);
    expect(out.packages.map((p) => `${p.name}@${p.version}`)).toEqual(["stdlib@go1.22.0", "ex@v1.2.3"]);
  });

  it.each([
    { name: "a shell script", data: encoder.encode("#!/bin/sh\necho \xff Go buildinf:\n".padEnd(200, " ")) },
    { name: "an ELF without build info", data: Uint8Array.from(readFileSync(process.execPath).subarray(0, 200_000)) },
  ])("keeps nothing for $name", ({ data }) => {
    expect(runSink(goBinaryCataloger, "bin/x", 0o755, data)).toBeUndefined();
  });

  it.each([
    { mode: 0o755, size: 1000, accepted: true },
    { mode: 0o100, size: 1000, accepted: true },
    { mode: 0o644, size: 1000, accepted: false },
    { mode: 0o755, size: 10, accepted: false },
  ])("accepts mode $mode size $size: $accepted", ({ mode, size, accepted }) => {
    expect(goBinaryCataloger.extract!.accepts({ path: "usr/bin/x", mode, size })).toBe(accepted);
  });

  it("never throws on arbitrary bytes in arbitrary chunks", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.integer({ min: 1, max: 600 }),
        fc.boolean(),
        (bytes, chunk, elf) => {
          const data = elf ? Uint8Array.from([...binary("gofixture-static").subarray(0, 1024), ...bytes]) : bytes;
          catalog(data);
          scan(data, chunk);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  }, 60_000);
});
