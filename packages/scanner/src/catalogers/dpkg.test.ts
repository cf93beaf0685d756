import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dpkgCataloger, parseDpkgStatus } from "./dpkg.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";
import { largeDpkgStatus } from "./test-support/large-dpkg-status.js";

const catalog = (fixture: string) =>
  dpkgCataloger.catalog(fixtureView(fixture, dpkgCataloger.wants, dpkgCataloger.reduce), { os: null });

const summary = (out: ReturnType<typeof catalog>) =>
  out.packages.map(
    (p) => `${p.name}@${p.version} ${p.arch ?? "-"} src=${p.source?.name}@${p.source?.version} ${p.path}`,
  );

describe("dpkgCataloger", () => {
  it("reads installed packages from a real Debian status file", () => {
    const out = catalog("dpkg-debian");
    expect(summary(out)).toEqual([
      "base-files@12.4+deb12u11 amd64 src=base-files@12.4+deb12u11 /var/lib/dpkg/status",
      "bash@5.2.15-2+b8 amd64 src=bash@5.2.15-2 /var/lib/dpkg/status",
      "bsdutils@1:2.38.1-5+deb12u3 amd64 src=util-linux@2.38.1-5+deb12u3 /var/lib/dpkg/status",
      "cpp@4:12.2.0-3 amd64 src=gcc-defaults@1.203 /var/lib/dpkg/status",
      "libgcc-s1@12.2.0-14+deb12u1 amd64 src=gcc-12@12.2.0-14+deb12u1 /var/lib/dpkg/status",
      "libyaml-0-2@0.2.5-1 amd64 src=libyaml@0.2.5-1 /var/lib/dpkg/status",
      "python3-yaml@6.0-3+b2 amd64 src=pyyaml@6.0-3 /var/lib/dpkg/status",
      "zlib1g@1:1.2.13.dfsg-1 amd64 src=zlib@1:1.2.13.dfsg-1 /var/lib/dpkg/status",
    ]);
    expect(out.notices).toEqual([]);
    expect(out.ownedPaths?.sort()).toEqual([
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info",
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
    ]);
  });

  it("gives the same owned paths when run again over the same lists, and reads a changed list anew", () => {
    const status = "Package: p\nStatus: install ok installed\nVersion: 1\n";
    const files = {
      "var/lib/dpkg/status": status,
      "var/lib/dpkg/info/p.list": "/usr/lib/node_modules/a\n/usr/bin/x\n",
    };
    const view = memoryView(files);
    const first = dpkgCataloger.catalog(view, { os: null });
    expect(first.ownedPaths).toEqual(["usr/lib/node_modules/a"]);
    expect(dpkgCataloger.catalog(view, { os: null })).toEqual(first);
    const changed = memoryView({ ...files, "var/lib/dpkg/info/p.list": "/usr/lib/node_modules/b\n" });
    expect(dpkgCataloger.catalog(changed, { os: null }).ownedPaths).toEqual(["usr/lib/node_modules/b"]);
  });

  it("reads distroless status.d files (no Status field) and ignores md5sums", () => {
    expect(summary(catalog("dpkg-distroless"))).toEqual([
      "base-files@12.4+deb12u15 amd64 src=base-files@12.4+deb12u15 /var/lib/dpkg/status.d/base-files",
      "libssl3@3.0.22-1~deb12u2 amd64 src=openssl@3.0.22-1~deb12u2 /var/lib/dpkg/status.d/libssl3",
      "tzdata@2026f-0+deb12u1 all src=tzdata@2026f-0+deb12u1 /var/lib/dpkg/status.d/tzdata",
    ]);
  });

  it("handles CRLF and a missing final newline", () => {
    expect(summary(catalog("dpkg-crlf"))).toEqual([
      "base-files@12.4+deb12u11 amd64 src=base-files@12.4+deb12u11 /var/lib/dpkg/status",
      "bash@5.2.15-2+b8 amd64 src=bash@5.2.15-2 /var/lib/dpkg/status",
    ]);
  });

  it.each([
    { fixture: "dpkg-empty", notices: [] },
    { fixture: "dpkg-corrupt", notices: ["parse_error"] },
  ])("$fixture: no packages, notices $notices (each marking the inventory incomplete)", ({ fixture, notices }) => {
    const out = catalog(fixture);
    expect(out.packages).toEqual([]);
    expect(out.notices?.map((n) => n.code)).toEqual(notices);
    expect(out.notices?.every((n) => n.incomplete === true)).toBe(true);
  });

  it("reads every package of a large status file (130,000 real-shaped stanzas, under the file cap)", () => {
    const status = new TextEncoder().encode(largeDpkgStatus(130_000));
    expect(status.length).toBeLessThan(dpkgCataloger.maxFileSize);
    const out = dpkgCataloger.catalog(memoryView({ "var/lib/dpkg/status": status }), { os: null });
    expect(out.notices).toEqual([]);
    expect(out.packages).toHaveLength(130_000);
    expect(out.packages[129_999]).toMatchObject({ name: expect.stringMatching(/-129999$/), type: "deb" });
    expect(new Set(out.packages.map((p) => p.name)).size).toBe(130_000);
  }, 60_000);

  it("marks an installed entry without a version as a notice that makes the inventory incomplete", () => {
    const out = parseDpkgStatus("Package: a\nStatus: install ok installed\n", "var/lib/dpkg/status", true);
    expect(out.notices).toEqual([
      {
        code: "parse_error",
        message: 'dpkg entry "a" has no version; skipped',
        path: "/var/lib/dpkg/status",
        incomplete: true,
      },
    ]);
  });

  it.each([
    { status: "install ok installed", reported: true },
    { status: "hold ok installed", reported: true },
    { status: "install ok half-installed", reported: false },
    { status: "deinstall ok config-files", reported: false },
    { status: "purge ok not-installed", reported: false },
  ])("Status: $status → reported $reported", ({ status, reported }) => {
    const out = parseDpkgStatus(`Package: a\nStatus: ${status}\nVersion: 1\n`, "var/lib/dpkg/status", true);
    expect(out.packages.length === 1).toBe(reported);
  });

  it("wants status, status.d entries and .list files only", () => {
    expect(
      [
        "var/lib/dpkg/status",
        "var/lib/dpkg/status.d/foo",
        "var/lib/dpkg/status.d/foo.md5sums",
        "var/lib/dpkg/info/a:amd64.list",
        "var/lib/dpkg/info/a.md5sums",
        "var/lib/dpkg/status-old",
      ].map(dpkgCataloger.wants),
    ).toEqual([true, true, false, true, false, false]);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (bytes, text) => {
        dpkgCataloger.catalog(memoryView({ "var/lib/dpkg/status": bytes, "var/lib/dpkg/status.d/x": text }), {
          os: null,
        });
        dpkgCataloger.reduce?.("var/lib/dpkg/info/x.list", bytes);
      }),
    );
  });
});
