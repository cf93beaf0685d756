// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${VAR} is literal
import { describe, expect, it } from "vitest";
import { formatReference, parseReference, repositoryOf, scanReference, tagOf } from "./image-reference.js";

const D = `sha256:${"a".repeat(64)}`;

describe("parseReference", () => {
  it.each([
    { input: "alpine", want: { host: "docker.io", path: "library/alpine", tag: null, digest: null } },
    { input: "user/app:1", want: { host: "docker.io", path: "user/app", tag: "1", digest: null } },
    {
      input: "rg.fr-par.scw.cloud/ns/api:1.4.2",
      want: { host: "rg.fr-par.scw.cloud", path: "ns/api", tag: "1.4.2", digest: null },
    },
    { input: `127.0.0.1:5000/ns/a/b@${D}`, want: { host: "127.0.0.1:5000", path: "ns/a/b", tag: null, digest: D } },
    { input: `localhost/x:t@${D}`, want: { host: "localhost", path: "x", tag: "t", digest: D } },
    {
      input: "RG.FR-PAR.SCW.CLOUD/ns/api",
      want: { host: "rg.fr-par.scw.cloud", path: "ns/api", tag: null, digest: null },
    },
  ])("$input", ({ input, want }) => {
    expect(parseReference(input)).toEqual(want);
  });

  it.each(["", "UPPER/x", "a b", "x@sha256:short", "x:bad tag", "x:", "host.io/", "${REG}/x", "a".repeat(601)])(
    "refuses %j",
    (input) => {
      expect(parseReference(input)).toBeNull();
    },
  );

  it("formats, and says what regscan scans: the digest when pinned, else the tag or latest", () => {
    const pinned = parseReference(`h.io/ns/api:1@${D}`)!;
    expect(formatReference(pinned)).toBe(`h.io/ns/api:1@${D}`);
    expect(scanReference(pinned)).toBe(`h.io/ns/api@${D}`);
    expect(scanReference(parseReference("h.io/ns/api")!)).toBe("h.io/ns/api:latest");
    expect(repositoryOf(pinned)).toBe("h.io/ns/api");
    expect(tagOf("h.io/ns/api:2-slim")).toBe("2-slim");
    expect(tagOf(`h.io/ns/api@${D}`)).toBeNull();
  });
});
