import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { domainFailure } from "../../../test/support/streams.js";
import { concatBytes, paxEntry, TAR_END, tarFile, tarHeader } from "../../walk/test-support/tar-bytes.js";
import { indexTar } from "./tar-index.js";

const root = mkdtempSync(join(tmpdir(), "regscan-tar-index-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const archive = (bytes: Uint8Array) => {
  const file = join(root, `a${n++}.tar`);
  writeFileSync(file, bytes);
  return file;
};
const manifest = tarFile("manifest.json", "[]");
const base256 = (bytes: number[]) => new Uint8Array([...new Array(12 - bytes.length).fill(0), ...bytes]);

describe("indexTar", () => {
  it("indexes ustar, pax and GNU long names", async () => {
    const long = `${"d/".repeat(80)}file`;
    const entries = await indexTar(
      archive(
        concatBytes([
          manifest,
          paxEntry([`path=${long}`]),
          tarFile("ignored", "abc"),
          tarHeader({ name: "././@LongLink", type: "L", size: 9 }),
          concatBytes([new TextEncoder().encode("long/name"), new Uint8Array(503)]),
          tarFile("short", "xy"),
          TAR_END,
        ]),
      ),
      "test",
    );
    expect([...entries.keys()]).toEqual(["manifest.json", long, "long/name"]);
    expect(entries.get(long)?.size).toBe(3);
    expect(entries.get("manifest.json")).toMatchObject({ offset: 512, size: 2, type: "0" });
  });

  it.each([
    ["a pax size of -1536", [paxEntry(["size=-1536"]), tarFile("x", "")], "scan_failed", 'pax size "-1536"'],
    ["a pax size of abc", [paxEntry(["size=abc"]), tarFile("x", "")], "scan_failed", 'pax size "abc"'],
    ["a pax size past the end", [paxEntry(["size=99999999"]), tarFile("x", "")], "scan_failed", "past the end"],
    ["a size field of abc", [tarHeader({ name: "x", size: "abc" })], "scan_failed", "not an octal digit"],
    ["a size field of -1536", [tarHeader({ name: "x", size: "-1536" })], "scan_failed", "not an octal digit"],
    [
      "a negative base-256 size",
      [tarHeader({ name: "x", size: base256([0xff, 0xff]).fill(0xff, 0, 1) })],
      "scan_failed",
      "negative",
    ],
    [
      "a huge base-256 size",
      [tarHeader({ name: "x", size: new Uint8Array(12).fill(0xff, 1).fill(0x80, 0, 1) })],
      "scan_failed",
      "too large",
    ],
    ["a size past the end", [tarHeader({ name: "x", size: 1 << 20 })], "scan_failed", "past the end"],
    ["a bad checksum", [tarHeader({ name: "x", checksum: "0000000\0" })], "scan_failed", "checksum mismatch"],
    ["a checksum of junk", [tarHeader({ name: "x", checksum: "zz\0" })], "scan_failed", "checksum"],
    [
      "a pax record with a wrong length",
      [
        tarHeader({ name: "p", type: "x", size: 12 }),
        concatBytes([new TextEncoder().encode("99 path=abc\n"), new Uint8Array(500)]),
      ],
      "scan_failed",
      "wrong length",
    ],
    [
      "a pax record without a length",
      [
        tarHeader({ name: "p", type: "x", size: 9 }),
        concatBytes([new TextEncoder().encode("path=abc\n"), new Uint8Array(503)]),
      ],
      "scan_failed",
      "no valid length",
    ],
    [
      "a 2 MiB pax header",
      [tarHeader({ name: "p", type: "x", size: 2 << 20 }), new Uint8Array(2 << 20)],
      "image_too_large",
      "limit",
    ],
    [
      "a name over 4096 bytes",
      [paxEntry([`path=${"a".repeat(5000)}`]), tarFile("x", "")],
      "image_too_large",
      "longer than 4096",
    ],
  ])(
    "refuses %s",
    async (_name, parts, code, text) => {
      const error = await domainFailure(indexTar(archive(concatBytes([manifest, ...parts, TAR_END])), "test"));
      expect(error.code).toBe(code);
      expect(error.message).toContain(text);
    },
    5000,
  );

  it("refuses more entries than the limit", async () => {
    const parts = Array.from({ length: 11 }, (_, i) => tarFile(`f${i}`, ""));
    const error = await domainFailure(indexTar(archive(concatBytes([...parts, TAR_END])), "test", { maxEntries: 10 }));
    expect(error).toMatchObject({ code: "image_too_large", message: expect.stringContaining("more than 10 entries") });
  });

  it("refuses more headers than the limit, pax headers included", async () => {
    const parts = Array.from({ length: 11 }, () => paxEntry(["comment=x"]));
    const error = await domainFailure(indexTar(archive(concatBytes([...parts, TAR_END])), "test", { maxHeaders: 10 }));
    expect(error).toMatchObject({
      code: "image_too_large",
      message: expect.stringContaining("more than 10 tar headers"),
    });
  });
});
