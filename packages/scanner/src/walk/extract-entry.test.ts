import { packTar, type TarEntry } from "modern-tar";
import { describe, expect, it } from "vitest";
import type { FileEntry } from "../model.js";
import { ByteBudget } from "./byte-budget.js";
import { webDecompressor } from "./decompressor.js";
import { createFileSelector, type FileWanter } from "./file-selector.js";
import { webSha256 } from "./sha256.js";
import { memoryImageSource, sha256Of } from "./test-support/memory-image-source.js";
import { walkLayer } from "./walk-layer.js";

const text = (s: string) => new TextEncoder().encode(s);
const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);

/** An extractor that accepts executables, records what it was given and keeps "<bytes seen>". */
function recorder(stopAfter = Number.POSITIVE_INFINITY) {
  const opened: FileEntry[] = [];
  const wanter: FileWanter = {
    id: "recorder",
    maxFileSize: 0,
    wants: () => false,
    extract: {
      accepts: (e) => (e.mode & 0o111) !== 0,
      open(entry) {
        opened.push(entry);
        let seen = 0;
        return {
          write: (chunk) => {
            seen += chunk.length;
            return seen < stopAfter;
          },
          end: () => (entry.path.endsWith("nothing") ? undefined : text(`seen ${seen}`)),
        };
      },
    },
  };
  return { wanter, opened };
}

async function walk(entries: TarEntry[], wanters: FileWanter[]) {
  const tar = await packTar(entries);
  const source = memoryImageSource([{ blob: tar, mediaType: "application/vnd.oci.image.layer.v1.tar" }], 4096);
  const layer = (await source.resolve()).layers[0]!;
  return walkLayer(
    await source.openBlob(layer),
    { digest: layer.digest, mediaType: layer.mediaType, diffId: sha256Of(tar) },
    {
      selector: createFileSelector(wanters),
      decompressor: webDecompressor,
      sha256: webSha256,
      budget: new ByteBudget(1e9),
    },
  );
}

const file = (name: string, body: Uint8Array, mode = 0o644): TarEntry => ({
  header: { name, size: body.length, mode, type: "file" },
  body,
});

describe("extractEntry (the walk's hook for stream extractors)", () => {
  it("streams accepted regular files through the sink and keeps only its result", async () => {
    const { wanter, opened } = recorder();
    const wantsStatus: FileWanter = { id: "status", maxFileSize: 1024, wants: (p) => p === "var/lib/dpkg/status" };
    const result = await walk(
      [
        file("usr/bin/big", big, 0o755),
        file("usr/bin/nothing", text("#!/bin/sh\n"), 0o755),
        file("etc/config", text("not executable")),
        { header: { name: "usr/bin/link", size: 0, type: "symlink", linkname: "big" } },
        file("usr/bin/.wh.gone", new Uint8Array(0), 0o755),
        file("var/lib/dpkg/status", text("Package: a\n"), 0o755),
      ],
      [wanter, wantsStatus],
    );
    expect(opened).toEqual([
      { path: "usr/bin/big", mode: 0o755, size: big.length },
      { path: "usr/bin/nothing", mode: 0o755, size: 10 },
    ]);
    expect(new TextDecoder().decode(result.files.get("usr/bin/big"))).toBe(`seen ${big.length}`);
    expect(result.files.has("usr/bin/nothing")).toBe(false);
    expect(result.files.has("etc/config")).toBe(false);
    // A file some cataloger wants by path is kept whole, not streamed.
    expect(new TextDecoder().decode(result.files.get("var/lib/dpkg/status"))).toBe("Package: a\n");
    expect(result.deletions).toEqual(["usr/bin/gone"]);
  });

  it("reads the rest of a body after the sink is done, so the next entry is intact", async () => {
    const { wanter } = recorder(1);
    const wantsStatus: FileWanter = { id: "status", maxFileSize: 1024, wants: (p) => p === "var/lib/dpkg/status" };
    const result = await walk(
      [
        file("usr/bin/big", big, 0o755),
        file("usr/bin/small", text("tiny"), 0o755),
        file("var/lib/dpkg/status", text("ok")),
      ],
      [wanter, wantsStatus],
    );
    expect(new TextDecoder().decode(result.files.get("usr/bin/small"))).toBe("seen 4");
    expect(new TextDecoder().decode(result.files.get("var/lib/dpkg/status"))).toBe("ok");
  });

  it("turns a sink that throws into an incomplete notice and goes on", async () => {
    const broken: FileWanter = {
      id: "broken",
      maxFileSize: 0,
      wants: () => false,
      extract: {
        accepts: () => true,
        open: () => ({
          write: () => {
            throw new Error("bug");
          },
          end: () => undefined,
        }),
      },
    };
    const result = await walk([file("usr/bin/a", text("abc"), 0o755)], [broken]);
    expect(result.notices).toEqual([
      expect.objectContaining({ code: "cataloger_failed", path: "/usr/bin/a", incomplete: true }),
    ]);
  });
});
