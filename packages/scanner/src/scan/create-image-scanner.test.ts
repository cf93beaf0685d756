import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImageScanRequest } from "@regscan/core";
import { describeImageScannerContract } from "@regscan/core/testing/contracts";
import { describe } from "vitest";
import { SKIP_REASON, testRegistry } from "../../test/support/test-images.js";
import type { OsvRecord } from "../advisories/osv-record.js";
import { defaultCatalogers, finalizePackage } from "../catalogers/index.js";
import { openAdvisoryStore } from "../cli/advisory-database.js";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { zlibDecompressor } from "../walk/node/zlib-decompressor.js";
import { createImageScanner } from "./create-image-scanner.js";
import { openPullSource } from "./open-pull-source.js";

const registry = testRegistry();

// A record made for this test: the real base image's zlib1g comes from source package zlib.
const ZLIB: OsvRecord = {
  id: "TEST-DEBIAN-ZLIB-1",
  modified: "2024-01-01T00:00:00Z",
  upstream: ["CVE-2099-0001"],
  summary: "zlib test advisory",
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "zlib" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
    },
  ],
};

describe.skipIf(!registry)(`createImageScanner over the real docker-registry ${registry ? "" : SKIP_REASON}`, () => {
  describeImageScannerContract(async () => {
    const reg = registry!;
    const dir = mkdtempSync(join(tmpdir(), "regscan-image-scanner-"));
    const advisories = await openAdvisoryStore(`file:${join(dir, "advisories.db")}`, {});
    await advisories.upsert([ZLIB]);
    await advisories.markImported("Debian", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    const scanner = createImageScanner({
      openSource: (request) => openPullSource(request, { sha256: nodeSha256 }),
      catalogers: defaultCatalogers,
      finalize: finalizePackage,
      advisories,
      decompressor: zlibDecompressor,
      sha256: nodeSha256,
    });
    const request = (repository: string, reference: string, password = reg.password): ImageScanRequest => ({
      pull: {
        registry: `http://${reg.host}`,
        repository,
        reference,
        imageRef: `${reg.host}/${repository}:${reference}`,
        username: reg.username,
        password,
      },
    });
    return {
      scanner,
      good: request("regscan/base", "latest"),
      missingTag: request("regscan/base", "no-such-tag"),
      missingImage: request("regscan/nothing-here", "latest"),
      badPassword: request("regscan/base", "latest", "wrong-password"),
      close: () => {
        advisories.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
