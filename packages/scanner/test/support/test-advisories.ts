/**
 * OSV records made for the tests that scan the real test images (test-images.ts): the base image's
 * zlib1g (1:1.2.13.dfsg-1) comes from source package zlib, and only the app image has curl. Shared
 * by the scanner's, the API's and the VS Code extension's tests; plain data, no test framework.
 */

/** zlib, critical (CVSS 3.1 9.8), fixed in 1:1.3.dfsg-1: every test image is affected. */
export const ZLIB_RECORD = {
  id: "TEST-DEBIAN-ZLIB-1",
  modified: "2024-01-01T00:00:00Z",
  upstream: ["CVE-2099-0001"],
  summary: "zlib test advisory",
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "zlib" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1:1.3.dfsg-1" }] }],
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
    },
  ],
};

/** curl, high (CVSS 3.1 7.5), fixed in 8.99.0-1: only the app image has it. */
export const CURL_RECORD = {
  id: "TEST-DEBIAN-CURL-1",
  modified: "2024-01-01T00:00:00Z",
  upstream: ["CVE-2099-0002"],
  summary: "curl test advisory",
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "curl" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "8.99.0-1" }] }],
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" }],
    },
  ],
};
