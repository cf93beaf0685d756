import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endsBoundedly, mutationsOf, PROPERTY_SEED } from "../walk/test-support/byte-mutations.js";
import type { AdvisoryStore } from "./advisory-store.js";
import { importOsvZip } from "./import-osv-zip.js";
import { migratedAdvisoryStore } from "./test-support/migrated-advisory-store.js";

const record = readFileSync(join(import.meta.dirname, "../../test/fixtures/osv/ALPINE-CVE-2025-26519.json"));
const zip = zipSync({
  "A.json": [record, { level: 6 }],
  "B.json": [record, { level: 0 }],
  "x.txt": new Uint8Array(10),
});

describe("importOsvZip on random and damaged archives", () => {
  const dir = mkdtempSync(join(tmpdir(), "regscan-zip-props-"));
  let store: AdvisoryStore;
  beforeAll(async () => {
    store = await migratedAdvisoryStore(`file:${join(dir, "a.db")}`);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ends with a DomainError or a result, boundedly", async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(zip), async (bytes) => {
        const outcome = await endsBoundedly(async () =>
          importOsvZip(
            store,
            (async function* () {
              yield bytes;
            })(),
          ),
        );
        expect(["result", "validation_failed"]).toContain(outcome);
      }),
      { seed: PROPERTY_SEED, numRuns: 150 },
    );
  }, 120_000);
});
