import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rpmCataloger } from "./rpm.js";
import { parseRpmHeader } from "./rpm-header.js";
import { fixtureDir, fixtureView, memoryView } from "./test-support/fixture-view.js";

const catalog = (fixture: string) =>
  rpmCataloger.catalog(fixtureView(fixture, rpmCataloger.wants, rpmCataloger.reduce), { os: null });
const realDb = () => new Uint8Array(readFileSync(join(fixtureDir("rpm-sqlite"), "var/lib/rpm/rpmdb.sqlite")));
const summary = (pkgs: ReturnType<typeof catalog>["packages"]) =>
  pkgs.map((p) => `${p.name}@${p.version} ${p.arch} src=${p.source?.name}@${p.source?.version}`).sort();

const EXPECTED = [
  "foo-common@3.0.1-7.el9_2 x86_64 src=libfoo@3.0.1-7.el9_2",
  "hello-tools@2:1.2.3-4.el9 x86_64 src=hello-tools@2:1.2.3-4.el9",
  "libfoo@3.0.1-7.el9_2 x86_64 src=libfoo@3.0.1-7.el9_2",
  "many-files@5.0-2.el9 noarch src=many-files@5.0-2.el9",
  "python3-tiny@0.9-1.el9 noarch src=python3-tiny@0.9-1.el9",
];

describe("rpmCataloger", () => {
  it("reads a real rpmdb.sqlite made by rpm 4.18 (incl. a header spilling into overflow pages)", () => {
    const out = catalog("rpm-sqlite");
    expect(summary(out.packages)).toEqual(EXPECTED);
    expect(out.packages.every((p) => p.path === "/var/lib/rpm/rpmdb.sqlite")).toBe(true);
    expect(out.notices).toEqual([]);
    expect(out.ownedPaths?.sort()).toEqual([
      "usr/lib/python3.9/site-packages/tiny-0.9.dist-info",
      "usr/lib/python3.9/site-packages/tiny-0.9.dist-info/METADATA",
    ]);
  });

  it("reads usr/lib/sysimage/rpm/rpmdb.sqlite (Fedora 36+ location)", () => {
    const out = rpmCataloger.catalog(memoryView({ "usr/lib/sysimage/rpm/rpmdb.sqlite": realDb() }), { os: null });
    expect(summary(out.packages)).toEqual(EXPECTED);
    expect(out.packages[0]?.path).toBe("/usr/lib/sysimage/rpm/rpmdb.sqlite");
  });

  it.each([
    { fixture: "rpm-bdb", codes: ["rpmdb_unsupported"] },
    { fixture: "rpm-empty", codes: ["parse_error"] },
    { fixture: "rpm-corrupt", codes: ["parse_error"] },
  ])("$fixture: no packages, notices $codes", ({ fixture, codes }) => {
    const out = catalog(fixture);
    expect(out.packages).toEqual([]);
    expect(out.notices?.map((n) => n.code)).toEqual(codes);
  });

  it("reports an ndb Packages.db as unsupported", () => {
    const out = rpmCataloger.catalog(memoryView({ "usr/lib/sysimage/rpm/Packages.db": new Uint8Array(1) }), {
      os: null,
    });
    expect(out.notices).toEqual([
      expect.objectContaining({ code: "rpmdb_unsupported", path: "/usr/lib/sysimage/rpm/Packages.db" }),
    ]);
  });

  it("warns about a non-empty write-ahead log", () => {
    const view = memoryView({
      "var/lib/rpm/rpmdb.sqlite": realDb(),
      "var/lib/rpm/rpmdb.sqlite-wal": new Uint8Array(1),
    });
    expect(rpmCataloger.catalog(view, { os: null }).notices?.map((n) => n.code)).toEqual(["rpmdb_wal_pending"]);
  });

  it("never throws on arbitrary bytes, nor on a real database with bytes flipped", () => {
    const db = realDb();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.array(fc.tuple(fc.nat(db.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        (junk, flips) => {
          rpmCataloger.catalog(memoryView({ "var/lib/rpm/rpmdb.sqlite": junk }), { os: null });
          const mutated = db.slice();
          for (const [at, value] of flips) mutated[at] = value;
          rpmCataloger.catalog(memoryView({ "var/lib/rpm/rpmdb.sqlite": mutated }), { os: null });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("header parser throws only its own error on junk", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (junk) => {
        try {
          parseRpmHeader(junk);
        } catch (e) {
          expect((e as Error).name).toBe("RpmHeaderError");
        }
      }),
    );
  });
});
