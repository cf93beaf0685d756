import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { endsBoundedly, mutationsOf, PROPERTY_SEED } from "../../walk/test-support/byte-mutations.js";
import { layerFixture } from "../../walk/test-support/memory-image-source.js";
import { concatBytes, paxEntry, TAR_END, tarFile } from "../../walk/test-support/tar-bytes.js";
import { createDockerArchiveSource } from "./docker-archive-source.js";
import { indexTar } from "./tar-index.js";

const root = mkdtempSync(join(tmpdir(), "regscan-tar-props-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const archive = concatBytes([
  tarFile("manifest.json", '[{"Config":"c.json","Layers":["l.tar"]}]'),
  paxEntry(["path=c.json"]),
  tarFile("ignored", '{"rootfs":{"type":"layers","diff_ids":["sha256:00"]}}'),
  tarFile("l.tar", layerFixture("base.tar").subarray(0, 2048)),
  TAR_END,
]);

describe("the docker-archive tar index on random and damaged archives", () => {
  it("ends with a DomainError or a result, boundedly", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutationsOf(archive), async (bytes) => {
        const file = join(root, `a${n++}.tar`);
        writeFileSync(file, bytes);
        expect(["result", "scan_failed", "image_too_large"]).toContain(await endsBoundedly(() => indexTar(file, "t")));
        const resolved = await endsBoundedly(() => createDockerArchiveSource(file).resolve());
        expect([
          "result",
          "scan_failed",
          "image_too_large",
          "image_not_found",
          "validation_failed",
          "image_unsupported",
        ]).toContain(resolved);
      }),
      { seed: PROPERTY_SEED, numRuns: 150 },
    );
  }, 120_000);
});
