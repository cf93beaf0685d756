/**
 * Across catalogers: every notice that may mean packages are missing (a package database that
 * cannot be read, is unsupported or has an unreadable entry, a cataloger that throws) carries
 * `incomplete: true`, and no package list is too long to be gathered.
 */

import { describe, expect, it } from "vitest";
import type { Cataloger, CatalogOutput } from "../model.js";
import { defaultCatalogers, runCatalogers } from "./index.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

const run = (view: ReturnType<typeof memoryView>): CatalogOutput => runCatalogers(view, null);

describe("notices that may mean missing packages", () => {
  it.each([
    { name: "a corrupt dpkg status", out: () => run(fixtureView("dpkg-corrupt")), codes: ["parse_error"] },
    { name: "a corrupt apk database", out: () => run(fixtureView("apk-corrupt")), codes: ["parse_error"] },
    { name: "a corrupt rpmdb.sqlite", out: () => run(fixtureView("rpm-corrupt")), codes: ["parse_error"] },
    { name: "an empty rpmdb.sqlite", out: () => run(fixtureView("rpm-empty")), codes: ["parse_error"] },
    { name: "a Berkeley DB rpm database", out: () => run(fixtureView("rpm-bdb")), codes: ["rpmdb_unsupported"] },
    {
      name: "an rpmdb.sqlite with a pending write-ahead log",
      out: () => run(memoryView({ "var/lib/rpm/rpmdb.sqlite": "", "var/lib/rpm/rpmdb.sqlite-wal": "x" })),
      codes: ["parse_error", "rpmdb_wal_pending"],
    },
    {
      name: "an invalid node_modules package.json",
      out: () => run(memoryView({ "app/node_modules/left-pad/package.json": "{" })),
      codes: ["parse_error"],
    },
    {
      name: "a node_modules package.json without a version",
      out: () => run(memoryView({ "app/node_modules/left-pad/package.json": '{"name": "left-pad"}' })),
      codes: ["parse_error"],
    },
    {
      name: "an invalid package-lock.json",
      out: () => run(memoryView({ "app/package.json": '{"name":"a","version":"1"}', "app/package-lock.json": "[" })),
      codes: ["parse_error"],
    },
    {
      name: "Python metadata without a version",
      out: () => run(memoryView({ "usr/lib/python3/site-packages/x-1.dist-info/METADATA": "Name: x\n" })),
      codes: ["parse_error"],
    },
  ])("$name: $codes, each incomplete", ({ out, codes }) => {
    const notices = out().notices ?? [];
    expect(notices.map((n) => n.code)).toEqual(codes);
    expect(notices.filter((n) => n.incomplete !== true)).toEqual([]);
  });

  it("a cataloger that throws", () => {
    const broken: Cataloger = {
      id: "broken",
      maxFileSize: 1,
      wants: () => true,
      catalog: () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    };
    expect(runCatalogers(memoryView({}), null, [broken]).notices).toEqual([
      {
        code: "cataloger_failed",
        message: "broken cataloger failed: Maximum call stack size exceeded",
        incomplete: true,
      },
    ]);
  });
});

describe("runCatalogers with a very long package list", () => {
  it("gathers 300,000 packages from one cataloger (more than a call takes arguments)", () => {
    const many: Cataloger = {
      id: "many",
      maxFileSize: 1,
      wants: () => false,
      catalog: () => ({
        packages: Array.from({ length: 300_000 }, (_, i) => ({ name: `p${i}`, version: "1", type: "npm", path: "/x" })),
        notices: Array.from({ length: 300_000 }, (_, i) => ({ code: "parse_error", message: `m${i}` })),
      }),
    };
    const out = runCatalogers(memoryView({}), null, [many, ...defaultCatalogers]);
    expect(out.packages).toHaveLength(300_000);
    expect(out.notices).toHaveLength(300_000);
  });
});
