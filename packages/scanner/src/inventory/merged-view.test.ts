import { describe, expect, it } from "vitest";
import { emptyLayerFiles, type LayerFiles } from "../walk/layer-files.js";
import { MergedView } from "./merged-view.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (d: Uint8Array | undefined) => (d === undefined ? undefined : new TextDecoder().decode(d));

function layer(
  parts: Partial<Omit<LayerFiles, "files" | "symlinks">> & {
    files?: Record<string, string>;
    symlinks?: Record<string, string>;
  },
): LayerFiles {
  return {
    ...emptyLayerFiles("sha256:x"),
    deletions: parts.deletions ?? [],
    opaqueDirs: parts.opaqueDirs ?? [],
    files: new Map(Object.entries(parts.files ?? {}).map(([p, s]) => [p, bytes(s)])),
    symlinks: new Map(Object.entries(parts.symlinks ?? {})),
  };
}

const base = layer({
  files: { "a/b/file": "1", "a/b/c/deep": "2", "a/bb": "3", "etc/x": "4" },
  symlinks: { "etc/link": "x", "etc/abs": "/a/bb", "etc/loop": "loop" },
});

describe("MergedView", () => {
  it.each([
    [
      "a whiteout removes the path and everything below it",
      layer({ deletions: ["a/b"] }),
      ["a/bb", "etc/abs", "etc/link", "etc/x"],
    ],
    [
      "an opaque dir hides lower content but keeps the dir's siblings",
      layer({ opaqueDirs: ["a/b"], files: { "a/b/new": "n" } }),
      ["a/b/new", "a/bb", "etc/abs", "etc/link", "etc/x"],
    ],
    ["an opaque root hides everything lower", layer({ opaqueDirs: [""], files: { z: "z" } }), ["z"]],
    [
      "a deleted symlink target leaves a dangling link out of paths()",
      layer({ deletions: ["etc/x"] }),
      ["a/b/c/deep", "a/b/file", "a/bb", "etc/abs"],
    ],
  ])("%s", (_name, upper, expected) => {
    const view = new MergedView();
    view.apply(base);
    view.apply(upper);
    expect([...view.paths()].sort()).toEqual(expected);
  });

  it.each([
    ["relative symlink", "etc/link", "4"],
    ["absolute symlink", "etc/abs", "3"],
    ["symlink loop", "etc/loop", undefined],
    ["missing", "nope", undefined],
  ])("resolves a %s", (_name, path, expected) => {
    const view = new MergedView();
    view.apply(base);
    expect(text(view.get(path))).toBe(expected);
    expect(view.has(path)).toBe(expected !== undefined);
  });

  it("reports the paths a layer changed", () => {
    const view = new MergedView();
    view.apply(base);
    const changed = view.apply(layer({ deletions: ["a/b"], files: { "etc/x": "5" } }));
    expect([...changed].sort()).toEqual(["a/b/c/deep", "a/b/file", "etc/x"]);
    expect(text(view.get("etc/link"))).toBe("5");
  });

  it("replaces a file by a symlink and back", () => {
    const view = new MergedView();
    view.apply(base);
    view.apply(layer({ symlinks: { "etc/x": "../a/bb" } }));
    expect(text(view.get("etc/x"))).toBe("3");
    view.apply(layer({ files: { "etc/x": "6" } }));
    expect(text(view.get("etc/x"))).toBe("6");
  });

  it("lists its paths once per layer: the same frozen list until the next apply, then the new one", () => {
    const view = new MergedView();
    view.apply(layer({ files: { "a/1": "1" }, symlinks: { "a/dangling": "nowhere", "a/l": "1" } }));
    const first = view.paths();
    expect([...first].sort()).toEqual(["a/1", "a/l"]); // a dangling link is no path
    expect(view.paths()).toBe(first);
    expect(() => (first as string[]).sort()).toThrow(TypeError);
    view.apply(layer({ deletions: ["a/1"], files: { "a/2": "2" } }));
    expect([...view.paths()].sort()).toEqual(["a/2"]);
  });
});
