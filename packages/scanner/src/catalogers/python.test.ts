import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePythonName, pythonCataloger } from "./python.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

const view = () => fixtureView("python-site", pythonCataloger.wants);

describe("pythonCataloger", () => {
  it("reads dist-info, egg-info dirs and egg-info files; reports unusable metadata as notices", () => {
    const out = pythonCataloger.catalog(view(), { os: null });
    expect(out.packages.map((p) => `${p.name}@${p.version} ${p.path}`)).toEqual([
      "wsgiref@0.1.2 /usr/lib/python2.7/wsgiref.egg-info",
      "pyyaml@6.0 /usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
      "lazr-restfulclient@0.14.5 /usr/lib/python3/dist-packages/lazr.restfulclient-0.14.5.egg-info/PKG-INFO",
      "pip@23.2.1 /usr/local/lib/python3.12/site-packages/pip-23.2.1.dist-info/METADATA",
    ]);
    expect(out.packages.every((p) => p.type === "pypi")).toBe(true);
    expect(out.notices?.map((n) => `${n.code} ${n.path}`)).toEqual([
      "parse_error /usr/lib/python3/dist-packages/empty-1.0.dist-info/METADATA",
      "parse_error /usr/lib/python3/dist-packages/pyyaml_corrupt-1.0.dist-info/METADATA",
    ]);
  });

  it("skips distributions owned by an OS package (dist-info directory or METADATA file)", () => {
    const owned = new Set([
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info",
      "usr/lib/python3/dist-packages/lazr.restfulclient-0.14.5.egg-info/PKG-INFO",
    ]);
    const out = pythonCataloger.catalog(view(), { os: null, ownedPaths: owned });
    expect(out.packages.map((p) => p.name)).toEqual(["wsgiref", "pip"]);
  });

  it.each([
    { name: "PyYAML", expected: "pyyaml" },
    { name: "lazr.restfulclient", expected: "lazr-restfulclient" },
    { name: "typing_extensions", expected: "typing-extensions" },
    { name: "Foo__-.Bar", expected: "foo-bar" },
  ])("normalises $name → $expected", ({ name, expected }) => {
    expect(normalizePythonName(name)).toBe(expected);
  });

  it.each([
    { path: "usr/lib/python3/dist-packages/a-1.dist-info/METADATA", wanted: true },
    { path: "usr/lib/python3/dist-packages/a-1.dist-info/RECORD", wanted: false },
    { path: "usr/lib/python3/dist-packages/a.egg-info/PKG-INFO", wanted: true },
    { path: "usr/lib/python2.7/wsgiref.egg-info", wanted: true },
    { path: "usr/lib/python3/dist-packages/a.egg-info/requires.txt", wanted: false },
  ])("wants $path: $wanted", ({ path, wanted }) => {
    expect(pythonCataloger.wants(path)).toBe(wanted);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string()), (data) => {
        pythonCataloger.catalog(memoryView({ "x/a-1.dist-info/METADATA": data }), { os: null });
      }),
    );
  });
});
