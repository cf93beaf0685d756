import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { npmCataloger } from "./npm.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

const catalog = (fixture: string, ownedPaths?: Set<string>) =>
  npmCataloger.catalog(fixtureView(fixture, npmCataloger.wants), { os: null, ownedPaths });
const summary = (out: ReturnType<typeof catalog>) =>
  out.packages.map((p) => `${p.name}@${p.version} ${p.path}${p.isRoot ? " root" : ""}`);

describe("npmCataloger", () => {
  it("reads installed packages (scoped, nested), the root package, and ignores a lockfile beside node_modules", () => {
    const out = catalog("npm-app");
    expect(summary(out)).toEqual([
      "@types/semver@7.8.0 /srv/app/node_modules/@types/semver/package.json",
      "commander@15.1.0 /srv/app/node_modules/commander/package.json",
      "commander@2.20.3 /srv/app/node_modules/fast-check/node_modules/commander/package.json",
      "fast-check@4.11.0 /srv/app/node_modules/fast-check/package.json",
      "pure-rand@8.4.2 /srv/app/node_modules/pure-rand/package.json",
      "npm@11.19.1 /usr/lib/node_modules/npm/package.json",
      "demo-api@1.4.0 /srv/app/package.json root",
    ]);
    expect(out.notices?.map((n) => `${n.code} ${n.path}`)).toEqual([
      "parse_error /srv/app/node_modules/broken/package.json",
    ]);
  });

  it("gives the same answer when run again over the same bytes (read once), and reads changed bytes anew", () => {
    const files: Record<string, Uint8Array | string> = {
      "app/node_modules/a/package.json": '{"name":"a","version":"1.0.0"}',
      "app/node_modules/bad/package.json": "{oops",
    };
    const view = memoryView(files);
    const run = () => npmCataloger.catalog(view, { os: null });
    const first = run();
    expect(run()).toEqual(first); // a cached parse error is reported again, not lost
    expect(first.notices?.map((n) => n.path)).toEqual(["/app/node_modules/bad/package.json"]);
    const changed = memoryView({ ...files, "app/node_modules/a/package.json": '{"name":"a","version":"2.0.0"}' });
    expect(npmCataloger.catalog(changed, { os: null }).packages.map((p) => p.version)).toEqual(["2.0.0"]);
  });

  it("skips packages an OS package owns", () => {
    const out = catalog("npm-app", new Set(["usr/lib/node_modules/npm"]));
    expect(out.packages.map((p) => p.name)).not.toContain("npm");
  });

  it("reads lockfiles v1, v2 and v3 where no node_modules exist, reporting bad ones as notices", () => {
    const out = catalog("npm-lockfiles");
    const deps = ["@isaacs/string-locale-compare@1.1.0", "ms@2.1.3", "semver@7.8.6"];
    const byPath = (v: number) =>
      out.packages
        .filter((p) => p.path === `/srv/lock-v${v}/package-lock.json`)
        .map((p) => `${p.name}@${p.version}`)
        .sort();
    expect([byPath(1), byPath(2), byPath(3)]).toEqual([deps, deps, deps]);
    expect(out.packages.filter((p) => p.isRoot).map((p) => `${p.name}@${p.version} ${p.path}`)).toEqual([
      "lock-only-app@0.3.0 /srv/lock-v1/package.json",
      "lock-only-app@0.3.0 /srv/lock-v2/package.json",
      "lock-only-app@0.3.0 /srv/lock-v3/package.json",
    ]);
    expect(out.notices?.map((n) => `${n.code} ${n.path}`)).toEqual([
      "parse_error /srv/lock-corrupt/package-lock.json",
      "parse_error /srv/lock-empty/package-lock.json",
    ]);
  });

  it.each([
    { path: "app/node_modules/a/package.json", wanted: true },
    { path: "node_modules/@s/a/package.json", wanted: true },
    { path: "app/node_modules/a/node_modules/b/package.json", wanted: true },
    { path: "app/node_modules/a/lib/package.json", wanted: false },
    { path: "app/node_modules/@s/package.json", wanted: false },
    { path: "app/node_modules/.package-lock.json", wanted: false },
    { path: "app/node_modules/a/package-lock.json", wanted: false },
    { path: "app/package.json", wanted: true },
    { path: "app/package-lock.json", wanted: true },
  ])("wants $path: $wanted", ({ path, wanted }) => {
    expect(npmCataloger.wants(path)).toBe(wanted);
  });

  it("a package.json without node_modules or lockfile beside it is not a root package", () => {
    const out = npmCataloger.catalog(memoryView({ "usr/share/doc/x/package.json": '{"name":"x","version":"1.0.0"}' }), {
      os: null,
    });
    expect(out.packages).toEqual([]);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 1024 }), fc.json()), fc.json(), (a, b) => {
        npmCataloger.catalog(
          memoryView({ "node_modules/a/package.json": a, "x/package-lock.json": b, "x/package.json": b }),
          { os: null },
        );
      }),
    );
  });
});
