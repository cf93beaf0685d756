import type { PullCoordinates } from "../ports/registry-gateway.js";
import { describeImageScannerContract } from "./contracts/index.js";
import { createFakeImageScanner } from "./fake-image-scanner.js";

const HOST = "rg.fr-par.scw.cloud";
const pull = (repository: string, reference: string, password = "pw"): { pull: PullCoordinates } => ({
  pull: {
    registry: HOST,
    repository,
    reference,
    imageRef: `${HOST}/${repository}:${reference}`,
    username: "nologin",
    password,
  },
});

// The fake scanner behaves as the contract says, so the scan use-case tests can trust it.
describeImageScannerContract(() => ({
  scanner: createFakeImageScanner({
    images: { [`${HOST}/team/app:1.0`]: { digest: `sha256:${"1".repeat(64)}`, packages: ["zlib@1"], layers: [5, 7] } },
    password: "pw",
    advisories: {
      "zlib@1": [
        {
          id: "CVE-1",
          aliases: [],
          packageName: "zlib",
          packageVersion: "1",
          type: "deb",
          ecosystem: "Debian:12",
          purl: "pkg:deb/debian/zlib@1",
          fixedVersion: null,
          severity: "HIGH",
          summary: "s",
          layer: "l",
        },
      ],
    },
  }),
  good: pull("team/app", "1.0"),
  missingTag: pull("team/app", "9"),
  missingImage: pull("team/none", "1"),
  badPassword: pull("team/app", "1.0", "wrong"),
}));
