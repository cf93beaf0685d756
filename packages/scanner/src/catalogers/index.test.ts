import { describe, expect, it } from "vitest";
import type { Cataloger, FileView } from "../model.js";
import { createFileSelector } from "../walk/file-selector.js";
import { defaultCatalogers, OS_RELEASE_MAX_SIZE, runCatalogers, wantsOsFile } from "./index.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

/** The layer walk's file selection over the default catalogers and the OS detector. */
const selector = createFileSelector([
  ...defaultCatalogers,
  { id: "os-release", maxFileSize: OS_RELEASE_MAX_SIZE, wants: wantsOsFile },
]);

/** The files of several fixture directories as one image filesystem, kept and reduced as the walk does. */
function imageView(...fixtures: string[]): FileView {
  const files: Record<string, Uint8Array> = {};
  for (const name of fixtures) {
    const view = fixtureView(
      name,
      (p) => selector.limitFor(p) !== undefined,
      (p, d) => selector.reduce(p, d),
    );
    for (const path of view.paths()) files[path] = view.get(path) as Uint8Array;
  }
  return memoryView(files);
}

describe("runCatalogers", () => {
  it("runs OS catalogers first so a dpkg-owned Python distribution is not reported as PyPI", () => {
    const out = runCatalogers(imageView("dpkg-debian", "python-site"), null);
    const pypi = out.packages.filter((p) => p.type === "pypi").map((p) => p.name);
    expect(pypi).toEqual(["wsgiref", "lazr-restfulclient", "pip"]);
    expect(out.packages.filter((p) => p.type === "deb")).toHaveLength(8);
    expect(out.ownedPaths).toContain("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info");
  });

  it("turns a throwing cataloger into a notice and keeps the others' results", () => {
    const broken: Cataloger = {
      id: "broken",
      maxFileSize: 1,
      wants: () => false,
      catalog: () => {
        throw new Error("boom");
      },
    };
    const out = runCatalogers(imageView("apk-alpine"), null, [broken, ...defaultCatalogers]);
    expect(out.notices).toEqual([
      { code: "cataloger_failed", message: "broken cataloger failed: boom", incomplete: true },
    ]);
    expect(out.packages).toHaveLength(5);
  });
});

describe("file selection by the default catalogers", () => {
  it.each([
    { path: "etc/os-release", limit: 64 * 1024 },
    { path: "var/lib/dpkg/status", limit: 64 * 1024 * 1024 },
    { path: "var/lib/rpm/rpmdb.sqlite", limit: 256 * 1024 * 1024 },
    { path: "app/node_modules/a/package.json", limit: 32 * 1024 * 1024 },
    { path: "usr/lib/python3/dist-packages/a-1.dist-info/METADATA", limit: 4 * 1024 * 1024 },
    { path: "usr/bin/bash", limit: undefined },
  ])("$path → $limit", ({ path, limit }) => {
    expect(selector.limitFor(path)).toBe(limit);
  });

  it("shrinks dpkg .list files to the entries language catalogers need", () => {
    const list =
      "/.\n/usr\n/usr/lib/python3/dist-packages/a-1.dist-info\n/usr/lib/python3/dist-packages/a-1.dist-info/RECORD\n/usr/bin/a\n";
    const out = new TextDecoder().decode(selector.reduce("var/lib/dpkg/info/a.list", new TextEncoder().encode(list)));
    expect(out).toBe("/usr/lib/python3/dist-packages/a-1.dist-info");
  });
});
