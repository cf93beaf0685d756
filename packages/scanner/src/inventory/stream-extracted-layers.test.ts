import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { packTar, type TarEntry } from "modern-tar";
import { describe, expect, it } from "vitest";
import { defaultCatalogers, finalizePackage } from "../catalogers/index.js";
import { fixtureDir } from "../catalogers/test-support/fixture-view.js";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { createMemoryLayerCache } from "../walk/layer-cache.js";
import { zlibDecompressor } from "../walk/node/zlib-decompressor.js";
import { memoryImageSource, type TestLayer } from "../walk/test-support/memory-image-source.js";
import { scanImageInventory } from "./scan-image-inventory.js";

const fixture = (p: string) => new Uint8Array(readFileSync(`${fixtureDir("")}/${p}`));
const GO = fixture("go-binaries/usr/local/bin/gofixture-static");
const GO_OLD = fixture("go-binaries/usr/local/bin/gofixture-go115");
const WAR = fixture("java-archives/opt/app/app.war");

async function layer(entries: [string, Uint8Array, number][]): Promise<TestLayer> {
  const tar = await packTar(
    entries.map(([name, body, mode]): TarEntry => ({ header: { name, size: body.length, mode, type: "file" }, body })),
  );
  return { blob: gzipSync(tar), tar };
}

const whiteout = (path: string): [string, Uint8Array, number] => {
  const slash = path.lastIndexOf("/");
  return [`${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`, new Uint8Array(0), 0o644];
};

describe("stream-extracted packages across layers (Go binaries and Java archives in an image)", () => {
  it("follows replacements and whiteouts, attributes packages to their layer, and survives the layer cache", async () => {
    const layers = [
      await layer([
        ["usr/local/bin/app", GO_OLD, 0o755],
        ["usr/local/bin/tool", GO, 0o755],
        ["opt/app/app.war", WAR, 0o644],
      ]),
      // The app is rebuilt with a newer Go; the tool and the WAR are deleted.
      await layer([["usr/local/bin/app", GO, 0o755], whiteout("usr/local/bin/tool"), whiteout("opt/app/app.war")]),
    ];
    const cache = createMemoryLayerCache();
    const scan = () =>
      scanImageInventory(memoryImageSource(layers, 65536), {
        catalogers: defaultCatalogers,
        finalize: finalizePackage,
        decompressor: zlibDecompressor,
        sha256: nodeSha256,
        cache,
      });
    for (const inventory of [await scan(), await scan()]) {
      const diffIds = inventory.artifact.layers.map((l) => l.diffId);
      const found = inventory.packages.map((p) => `${p.path} ${p.name}@${p.version} layer ${diffIds.indexOf(p.layer)}`);
      expect(found).toEqual([
        "/usr/local/bin/app stdlib@go1.19.8 layer 1",
        "/usr/local/bin/app github.com/google/uuid@v1.3.0 layer 0",
        "/usr/local/bin/app github.com/pkg/errors@(devel) layer 0",
        "/usr/local/bin/app golang.org/x/net@v0.7.0 layer 0",
        "/usr/local/bin/app golang.org/x/text@v0.7.0 layer 0",
      ]);
      expect(inventory.packages[0]).toMatchObject({ ecosystem: "Go", purl: "pkg:golang/stdlib@go1.19.8" });
      expect(inventory.notices).toEqual([]);
    }
    expect(cache.size).toBe(2);
  }, 60_000);

  it("reports the WAR's nested packages with their paths when it stays", async () => {
    const inventory = await scanImageInventory(memoryImageSource([await layer([["opt/app/app.war", WAR, 0o644]])]), {
      catalogers: defaultCatalogers,
      finalize: finalizePackage,
      decompressor: zlibDecompressor,
      sha256: nodeSha256,
    });
    expect(inventory.packages.map((p) => `${p.path} ${p.purl}`)).toEqual([
      "/opt/app/app.war pkg:maven/com.example/fixture-app@1.0.0",
      "/opt/app/app.war:WEB-INF/lib/commons-cli.jar pkg:maven/commons-cli/commons-cli@1.5.0",
      "/opt/app/app.war:WEB-INF/lib/log4j-core.jar pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0",
    ]);
  }, 60_000);
});
