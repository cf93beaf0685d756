import fc from "fast-check";
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { TarFormatError } from "./tar-fields.js";
import { MAX_TAR_META_BYTES, type TarEntryHeader, TarReader } from "./tar-reader.js";
import { PROPERTY_SEED } from "./test-support/byte-mutations.js";
import { concatBytes, padded, paxEntry, TAR_END, tarFile, tarHeader } from "./test-support/tar-bytes.js";

const text = (s: string) => new TextEncoder().encode(s);

/** Reads `tar` fed in `chunkSize`-byte chunks; every body is collected. */
function read(tar: Uint8Array, chunkSize = tar.length || 1) {
  const entries: { header: TarEntryHeader; body: string }[] = [];
  const reader = new TarReader((header) => {
    const entry = { header, body: "" };
    entries.push(entry);
    return { write: (chunk) => void (entry.body += new TextDecoder().decode(chunk)), end: () => undefined };
  });
  for (let at = 0; at < tar.length; at += chunkSize) reader.write(tar.subarray(at, at + chunkSize));
  reader.end();
  return entries;
}

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("TarReader", () => {
  it.each([1, 7, 511, 512, 513, 4096, 1 << 20])(
    "reads what modern-tar writes, in %i-byte chunks",
    async (chunkSize) => {
      const long = `${"deep/".repeat(40)}file.txt`;
      const tar = await packTar([
        { header: { name: "etc/os-release", size: 5 }, body: "hello" },
        { header: { name: long, size: 3 }, body: "abc" },
        { header: { name: "usr/bin/tool", size: 1000, mode: 0o755 }, body: "x".repeat(1000) },
        { header: { name: "usr/lib/os-release", type: "symlink", linkname: "../../etc/os-release", size: 0 } },
        { header: { name: "usr/share/doc/", type: "directory", size: 0 } },
        { header: { name: "empty", size: 0 }, body: "" },
      ]);
      const entries = read(tar, chunkSize);
      expect(entries.map((e) => [e.header.name, e.header.type, e.header.size, e.body.length])).toEqual([
        ["etc/os-release", "file", 5, 5],
        [long, "file", 3, 3],
        ["usr/bin/tool", "file", 1000, 1000],
        ["usr/lib/os-release", "symlink", 0, 0],
        ["usr/share/doc/", "directory", 0, 0],
        ["empty", "file", 0, 0],
      ]);
      expect(entries[0]?.body).toBe("hello");
      expect(entries[2]?.header.mode).toBe(0o755);
      expect(entries[3]?.header.linkname).toBe("../../etc/os-release");
    },
  );

  it("joins the ustar prefix, applies GNU long names and pax records (pax wins), ignores global pax headers", () => {
    const prefixed = tarHeader({ name: "name" });
    prefixed.set(text("some/prefix"), 345);
    // Recompute the checksum after editing the prefix.
    prefixed.fill(32, 148, 156);
    prefixed.set(
      text(
        `${prefixed
          .reduce((n, b) => n + b, 0)
          .toString(8)
          .padStart(6, "0")}\0 `,
      ),
      148,
    );
    const entries = read(
      concatBytes([
        prefixed,
        paxEntry(["path=global/ignored"], "g"),
        tarHeader({ name: "././@LongLink", type: "L", size: 9 }),
        padded(text("long/name")),
        tarFile("short", "xy"),
        tarHeader({ name: "././@LongLink", type: "L", size: 9 }),
        padded(text("gnu/name1")),
        paxEntry(["path=pax/name", "size=3"]),
        tarHeader({ name: "ignored", size: 99 }),
        padded(text("abc")),
        tarHeader({ name: "././@LongLink", type: "K", size: 6 }),
        padded(text("target")),
        tarHeader({ name: "link", type: "2", linkname: "short" }),
        TAR_END,
      ]),
    );
    expect(entries.map((e) => [e.header.name, e.header.type, e.header.size, e.header.linkname, e.body])).toEqual([
      ["some/prefix/name", "file", 0, "", ""],
      ["long/name", "file", 2, "", "xy"],
      ["pax/name", "file", 3, "", "abc"],
      ["link", "symlink", 0, "target", ""],
    ]);
  });

  it("gives links, devices and directories no body, whatever their size field says", () => {
    const entries = read(
      concatBytes([
        tarHeader({ name: "hard", type: "1", linkname: "x", size: 512 }),
        tarHeader({ name: "dir/", type: "0", size: 512 }),
        padded(text("old-style directory body, skipped")),
        tarFile("after", "ok"),
        TAR_END,
      ]),
    );
    expect(entries.map((e) => [e.header.name, e.header.type, e.header.size, e.body])).toEqual([
      ["hard", "link", 0, ""],
      ["dir/", "directory", 0, ""],
      ["after", "file", 2, "ok"],
    ]);
  });

  it("reads GNU base-256 sizes", () => {
    const size = new Uint8Array(12);
    size[0] = 0x80;
    size[11] = 3;
    const entries = read(concatBytes([tarHeader({ name: "f", size }), padded(text("abc")), TAR_END]));
    expect(entries[0]?.body).toBe("abc");
  });

  it("accepts zero padding after the end marker", () => {
    expect(read(concatBytes([tarFile("f", "a"), TAR_END, new Uint8Array(4096)]))).toHaveLength(1);
  });

  it.each([
    ["a bad checksum", concatBytes([tarHeader({ name: "f", checksum: "0000000\0" }), TAR_END]), /checksum/],
    ["a non-numeric size", concatBytes([tarHeader({ name: "f", size: "abc" }), TAR_END]), /size/],
    [
      "a negative base-256 size",
      concatBytes([tarHeader({ name: "f", size: new Uint8Array(12).fill(0xff) }), TAR_END]),
      /negative/,
    ],
    [
      "a pax size that is not a byte count",
      concatBytes([paxEntry(["size=-1536"]), tarFile("f", "a"), TAR_END]),
      /pax size/,
    ],
    ["a malformed pax record", concatBytes([paxEntry(["path"]), tarFile("f", "a"), TAR_END]), /key/],
    [
      "a lone zero block",
      concatBytes([tarFile("a", "1"), new Uint8Array(512), tarFile("b", "2"), TAR_END]),
      /zero block/,
    ],
    ["data after the end marker", concatBytes([tarFile("a", "1"), TAR_END, text("junk")]), /after its end/],
    ["a body cut short", tarFile("a", "x".repeat(600)).subarray(0, 800), /truncated/],
    ["no end marker", tarFile("a", "1"), /truncated/],
    ["half an end marker", concatBytes([tarFile("a", "1"), new Uint8Array(512)]), /truncated/],
    ["a header cut short", concatBytes([tarFile("a", "1"), tarHeader({ name: "b" }).subarray(0, 100)]), /truncated/],
  ])("throws a TarFormatError on %s", (_case, tar, message) => {
    const error = failure(() => read(tar, 100));
    expect(error).toBeInstanceOf(TarFormatError);
    expect((error as Error).message).toMatch(message);
  });

  it("refuses an extended header over the limit before reading it", () => {
    const reader = new TarReader(() => undefined);
    const error = failure(() => reader.write(tarHeader({ name: "x", type: "x", size: MAX_TAR_META_BYTES + 1 })));
    expect((error as Error).message).toMatch(/extended header/);
  });

  it("skips bodies nobody wants without handing them anywhere", () => {
    const names: string[] = [];
    const reader = new TarReader((header) => void names.push(header.name));
    reader.write(concatBytes([tarFile("a", "x".repeat(5000)), tarFile("b", "y"), TAR_END]));
    reader.end();
    expect(names).toEqual(["a", "b"]);
  });

  it("never throws anything but a TarFormatError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 600 }), (bytes, chunkSize) => {
        const error = failure(() => read(bytes, chunkSize));
        expect(error === undefined || error instanceof TarFormatError).toBe(true);
      }),
      { seed: PROPERTY_SEED, numRuns: 300 },
    );
  });
});
