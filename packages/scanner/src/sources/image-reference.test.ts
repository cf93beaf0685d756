import { isDomainError } from "@regscan/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatImageReference, parseImageReference, registryApiHost } from "./image-reference.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("parseImageReference", () => {
  it.each([
    ["alpine", { transport: "docker", registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["alpine:3.19", { transport: "docker", registry: "docker.io", repository: "library/alpine", tag: "3.19" }],
    ["docker://alpine", { transport: "docker", registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["bitnami/redis:7", { transport: "docker", registry: "docker.io", repository: "bitnami/redis", tag: "7" }],
    [
      "index.docker.io/library/ubuntu",
      { transport: "docker", registry: "docker.io", repository: "library/ubuntu", tag: "latest" },
    ],
    ["docker.io/ubuntu", { transport: "docker", registry: "docker.io", repository: "library/ubuntu", tag: "latest" }],
    [
      "docker://rg.fr-par.scw.cloud/ns/app:v1.2",
      { transport: "docker", registry: "rg.fr-par.scw.cloud", repository: "ns/app", tag: "v1.2" },
    ],
    [
      "127.0.0.1:5000/regscan/base",
      { transport: "docker", registry: "127.0.0.1:5000", repository: "regscan/base", tag: "latest" },
    ],
    ["localhost/a/b:c", { transport: "docker", registry: "localhost", repository: "a/b", tag: "c" }],
    [`ghcr.io/o/r@${DIGEST}`, { transport: "docker", registry: "ghcr.io", repository: "o/r", digest: DIGEST }],
    [
      `ghcr.io/o/r:1@${DIGEST}`,
      { transport: "docker", registry: "ghcr.io", repository: "o/r", tag: "1", digest: DIGEST },
    ],
    ["quay.io/a/b-c__d.e", { transport: "docker", registry: "quay.io", repository: "a/b-c__d.e", tag: "latest" }],
    ["oci:/tmp/layout", { transport: "oci", path: "/tmp/layout" }],
    ["oci:/tmp/layout:v1", { transport: "oci", path: "/tmp/layout", tag: "v1" }],
    ["oci:layout:", { transport: "oci", path: "layout" }],
    ["docker-archive:/tmp/a.tar", { transport: "docker-archive", path: "/tmp/a.tar" }],
    ["docker-archive:a.tar:busybox:latest", { transport: "docker-archive", path: "a.tar", image: "busybox:latest" }],
    ["docker-archive:a.tar:@1", { transport: "docker-archive", path: "a.tar", image: "@1" }],
    ["[::1]:5000/a/b", { transport: "docker", registry: "[::1]:5000", repository: "a/b", tag: "latest" }],
    ["[fe80::1]/a/b", { transport: "docker", registry: "[fe80::1]", repository: "a/b", tag: "latest" }],
    ["127.0.0.1:65535/a", { transport: "docker", registry: "127.0.0.1:65535", repository: "a", tag: "latest" }],
    [
      `${"a".repeat(63)}.example:1/r`,
      { transport: "docker", registry: `${"a".repeat(63)}.example:1`, repository: "r", tag: "latest" },
    ],
  ])("%s", (input, expected) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["Alpine", "not a valid repository"],
    ["docker.io/Library/alpine", "not a valid repository"],
    ["alpine:", "not a valid tag"],
    ["alpine:-x", "not a valid tag"],
    ["alpine@sha256:abc", "not a sha256 digest"],
    [`alpine@sha512:${"a".repeat(128)}`, "not a sha256 digest"],
    ["docker:alpine", "two slashes"],
    ["oci-archive:/tmp/x.tar", "not supported"],
    ["containers-storage:alpine", "not supported"],
    ["https://ghcr.io/o/r", "URL schemes"],
    ["oci:", "path is empty"],
    ["docker-archive:", "path is empty"],
    [`docker-archive:a.tar:x@${DIGEST}`, "not by digest"],
    ["registry..io/a/b", "not a valid registry"],
    ["a b", "whitespace"],
    ["host.io/", "repository name is empty"],
    [`ghcr.io/${"a".repeat(260)}`, "longer than 255"],
    ["127.0.0.1:99999/x", "the port 99999 is out of range (1-65535)"],
    ["127.0.0.1:0/x", "the port 0 is out of range"],
    ["127.0.0.1:05000/x", "leading zero"],
    ["host.io:http/x", 'the port "http" is not a number'],
    ["host.io:/x", "is not a number"],
    [`${"a".repeat(64)}.example/r`, "label is longer than 63"],
    [`${"a.".repeat(130)}io/r`, "longer than 255"],
    ["[::1%25eth0]:5000/a", "IPv6 address"],
    ["[zz]:5000/a", "IPv6 address"],
    ["[1:2]:5000/a", "not an IPv6 address"],
    ["127.1/a/b", "write the address in full (it means 127.0.0.1)"],
    ["0x7f.0.0.1/a/b", "write the address in full"],
    ["1.2.3.4.5/a", "not a host name or IPv4 address"],
    ["user:secret@ghcr.io/a/b", "no user:password@ part"],
    [`docker://${"a".repeat(5000)}`, "longer than 4096"],
  ])("rejects %j (%s)", (input, why) => {
    try {
      parseImageReference(input);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("validation_failed");
      expect((e as Error).message).toContain(why);
    }
  });

  it.each([
    ["user:s3cret-pw@ghcr.io/o/r:1"],
    ["docker://nologin:s3cret-pw@rg.fr-par.scw.cloud/ns/app"],
    ["https://nologin:s3cret-pw@ghcr.io/o/r"],
    ["docker://nologin:s3cret@pw@ghcr.io/o/r"],
    ["nologin:s3cret-pw@127.0.0.1:99999/x"],
  ])("never echoes the password of %s", (input) => {
    try {
      parseImageReference(input);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("validation_failed");
      expect((e as Error).message).toContain("***@");
      expect((e as Error).message).not.toMatch(/s3cret|pw@/);
    }
  });

  it("never throws anything but a DomainError validation_failed", () => {
    const alphabet = fc.constantFrom(..."aZ09:/@._-+[]% sha256docker://oci".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 40 })), (s) => {
        try {
          parseImageReference(s);
        } catch (e) {
          expect(isDomainError(e) && e.code === "validation_failed").toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts only registry hosts a URL keeps as written (so building the registry URL cannot throw)", () => {
    const host = fc.stringMatching(/^[0-9a-fx.:[\]-]{1,24}$/);
    fc.assert(
      fc.property(host, (h) => {
        let registry: string;
        try {
          const ref = parseImageReference(`${h}/repo/name:tag`);
          if (ref.transport !== "docker") return;
          registry = ref.registry;
        } catch (e) {
          expect(isDomainError(e) && e.code === "validation_failed").toBe(true);
          return;
        }
        expect(() => new URL(`https://${registryApiHost(registry)}/v2/`)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["alpine", "docker.io/library/alpine:latest"],
    [`docker://ghcr.io/o/r:1@${DIGEST}`, `ghcr.io/o/r:1@${DIGEST}`],
    ["oci:/x:v1", "oci:/x:v1"],
    ["docker-archive:/a.tar", "docker-archive:/a.tar"],
  ])("formats %s as %s, which parses back to the same reference", (input, text) => {
    const ref = parseImageReference(input);
    expect(formatImageReference(ref)).toBe(text);
    expect(parseImageReference(text)).toEqual(ref);
  });

  it.each([
    ["docker.io", "registry-1.docker.io"],
    ["ghcr.io", "ghcr.io"],
  ])("API host of %s is %s", (registry, host) => {
    expect(registryApiHost(registry)).toBe(host);
  });
});
