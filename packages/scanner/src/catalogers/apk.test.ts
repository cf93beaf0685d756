import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apkCataloger } from "./apk.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

const catalog = (fixture: string) => apkCataloger.catalog(fixtureView(fixture, apkCataloger.wants), { os: null });

describe("apkCataloger", () => {
  it("reads name, version, arch and origin from a real installed db", () => {
    const out = catalog("apk-alpine");
    expect(
      out.packages.map((p) => `${p.name}@${p.version} ${p.arch} src=${p.source?.name}@${p.source?.version}`),
    ).toEqual([
      "alpine-baselayout-data@3.2.0-r23 x86_64 src=alpine-baselayout@3.2.0-r23",
      "musl@1.2.3-r1 x86_64 src=musl@1.2.3-r1",
      "libcrypto1.1@1.1.1s-r0 x86_64 src=openssl@1.1.1s-r0",
      "musl-utils@1.2.3-r1 x86_64 src=musl@1.2.3-r1",
      ".python-rundeps@20221112.072824 noarch src=.python-rundeps@20221112.072824",
    ]);
    expect(new Set(out.packages.map((p) => p.path))).toEqual(new Set(["/lib/apk/db/installed"]));
    expect(out.notices).toEqual([]);
    expect(out.ownedPaths).toEqual([]);
  });

  it("records the Python metadata paths an apk package owns (synthetic py3-packaging stanza)", () => {
    const out = catalog("apk-py3-synthetic");
    expect(out.packages.map((p) => `${p.name}@${p.version} ${p.arch} src=${p.source?.name}`)).toEqual([
      "py3-packaging@24.0-r1 noarch src=py3-packaging",
    ]);
    expect(out.ownedPaths?.sort()).toEqual([
      "usr/lib/python3.12/site-packages/packaging-24.0.dist-info",
      "usr/lib/python3.12/site-packages/packaging-24.0.dist-info/METADATA",
    ]);
  });

  it.each([
    { fixture: "apk-empty", notices: [] },
    { fixture: "apk-corrupt", notices: ["parse_error"] },
  ])("$fixture: no packages, notices $notices", ({ fixture, notices }) => {
    const out = catalog(fixture);
    expect(out.packages).toEqual([]);
    expect(out.notices?.map((n) => n.code)).toEqual(notices);
  });

  it("returns nothing when the database is absent", () => {
    expect(apkCataloger.catalog(memoryView({}), { os: null })).toEqual({ packages: [] });
  });

  it("handles CRLF and a missing final newline", () => {
    const out = apkCataloger.catalog(memoryView({ "lib/apk/db/installed": "P:zlib\r\nV:1.3.1-r1\r\nA:x86_64" }), {
      os: null,
    });
    expect(out.packages).toEqual([
      {
        name: "zlib",
        version: "1.3.1-r1",
        arch: "x86_64",
        type: "apk",
        path: "/lib/apk/db/installed",
        source: { name: "zlib", version: "1.3.1-r1" },
      },
    ]);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.string()), (data) => {
        apkCataloger.catalog(memoryView({ "lib/apk/db/installed": data }), { os: null });
      }),
    );
  });
});
