import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectOs, parseOsRelease, wantsOsFile } from "./os-release.js";
import { fixtureView, memoryView } from "./test-support/fixture-view.js";

describe("detectOs", () => {
  it.each([
    {
      fixture: "os-debian-12",
      expected: {
        family: "debian",
        version: "12",
        idLike: [],
        versionCodename: "bookworm",
        prettyName: "Debian GNU/Linux 12 (bookworm)",
      },
    },
    {
      fixture: "os-ubuntu-22.04",
      expected: {
        family: "ubuntu",
        version: "22.04",
        idLike: ["debian"],
        versionCodename: "jammy",
        prettyName: "Ubuntu 22.04.5 LTS",
      },
    },
    {
      fixture: "os-alpine-3.15",
      expected: { family: "alpine", version: "3.15.4", idLike: [], prettyName: "Alpine Linux v3.15" },
    },
    {
      fixture: "os-rocky-9",
      expected: {
        family: "rocky",
        version: "9.3",
        idLike: ["rhel", "centos", "fedora"],
        prettyName: "Rocky Linux 9.3 (Blue Onyx)",
      },
    },
    {
      fixture: "os-rhel-9",
      expected: {
        family: "rhel",
        version: "9.4",
        idLike: ["fedora"],
        prettyName: "Red Hat Enterprise Linux 9.4 (Plow)",
      },
    },
    {
      fixture: "os-debian-sid",
      expected: {
        family: "debian",
        version: "",
        idLike: [],
        versionCodename: "trixie",
        prettyName: "Debian GNU/Linux trixie/sid",
      },
    },
    { fixture: "os-empty", expected: null },
    { fixture: "os-corrupt", expected: null },
  ])("$fixture", ({ fixture, expected }) => {
    expect(detectOs(fixtureView(fixture, wantsOsFile))).toEqual(expected);
  });

  it("prefers etc/os-release over usr/lib/os-release", () => {
    const view = memoryView({
      "etc/os-release": "ID=alpine\nVERSION_ID=3.20.0\n",
      "usr/lib/os-release": "ID=debian\n",
    });
    expect(detectOs(view)?.family).toBe("alpine");
  });

  it.each([
    { debianVersion: "12.5\n", expected: "12" },
    { debianVersion: "bookworm/sid\n", expected: "" },
  ])("takes Debian's version from etc/debian_version $debianVersion", ({ debianVersion, expected }) => {
    const view = memoryView({ "etc/os-release": "ID=debian\n", "etc/debian_version": debianVersion });
    expect(detectOs(view)?.version).toBe(expected);
  });
});

describe("parseOsRelease", () => {
  it.each([
    { line: 'NAME="Foo \\"Bar\\" \\$x \\\\ y"', expected: 'Foo "Bar" $x \\ y' },
    { line: "NAME='single $quoted \\n'", expected: "single $quoted \\n" },
    { line: "NAME=bare\\ word", expected: "bare word" },
    { line: "NAME=value # trailing comment", expected: "value" },
    { line: '  NAME = "spaced"  ', expected: "spaced" },
    { line: "# NAME=commented", expected: undefined },
    { line: "NAME=crlf\r", expected: "crlf" },
  ])("$line", ({ line, expected }) => {
    expect(parseOsRelease(`${line}\n`).get("NAME")).toBe(expected);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        detectOs(memoryView({ "etc/os-release": bytes }));
      }),
    );
  });
});
