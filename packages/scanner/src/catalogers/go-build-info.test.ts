import { describe, expect, it } from "vitest";
import { goPackages, MAX_GO_DEPS, parseModinfo } from "./go-build-info.js";

const pkgs = (modinfo: string, goVersion = "go1.22.1") =>
  goPackages(goVersion, parseModinfo(modinfo), "/app").map((p) => `${p.name}@${p.version}`);

describe("parseModinfo and goPackages", () => {
  it.each([
    {
      name: "a released main module",
      modinfo: "path\tex/cmd\nmod\tex\tv1.0.0\th1:x=\n",
      expected: ["stdlib@go1.22.1", "ex@v1.0.0"],
    },
    { name: "a (devel) main module", modinfo: "mod\tex\t(devel)\t\n", expected: ["stdlib@go1.22.1"] },
    {
      name: "a module replaced by another version (2 columns, no sum)",
      modinfo: "mod\tex\t(devel)\t\ndep\tgolang.org/x/net\tv0.1.0\n=>\tgolang.org/x/net\tv0.17.0\n",
      expected: ["stdlib@go1.22.1", "golang.org/x/net@v0.17.0"],
    },
    {
      name: "a module replaced by a fork",
      modinfo: "dep\tgithub.com/a/b\tv1.0.0\th1:a=\n=>\tgithub.com/fork/b\tv1.0.1\th1:b=\n",
      expected: ["stdlib@go1.22.1", "github.com/fork/b@v1.0.1"],
    },
    {
      name: "directory replacements (Go 1.15 leaves the version empty, 1.19 writes (devel))",
      modinfo: "dep\tex/a\tv1.0.0\n=>\t../a\t\t\ndep\tex/b\tv1.0.0\n=>\t./b\t(devel)\t\n",
      expected: ["stdlib@go1.22.1", "ex/a@(devel)", "ex/b@(devel)"],
    },
    {
      name: "no Go version (unreadable old binary)",
      modinfo: "dep\tex\tv1.0.0\t\n",
      goVersion: "",
      expected: ["ex@v1.0.0"],
    },
    {
      name: "duplicate deps",
      modinfo: "dep\tex\tv1.0.0\t\ndep\tex\tv1.0.0\t\n",
      expected: ["stdlib@go1.22.1", "ex@v1.0.0"],
    },
  ])("$name", ({ modinfo, goVersion, expected }) => {
    expect(pkgs(modinfo, goVersion)).toEqual(expected);
  });

  it("reports malformed lines and replacements without a module, and keeps the rest", () => {
    const info = parseModinfo("=>\tx\tv1\t\ndep\tonlypath\ndep\tok\tv1.0.0\t\n");
    expect(info.deps.map((d) => d.path)).toEqual(["ok"]);
    expect(info.problems).toEqual(["line 1: replacement without a module before it", "line 2: malformed dep line"]);
    expect(parseModinfo("dep\ta\tb\tc\td\n").problems).toEqual(["line 1: malformed dep line"]);
  });

  it(`reads at most ${MAX_GO_DEPS} deps and says so`, () => {
    const text = Array.from({ length: MAX_GO_DEPS + 5 }, (_, i) => `dep\tex/m${i}\tv1.0.0\t`).join("\n");
    const info = parseModinfo(text);
    expect(info.deps).toHaveLength(MAX_GO_DEPS);
    expect(info.problems).toEqual([`5 dependencies past the first ${MAX_GO_DEPS} were not read`]);
  });
});
