import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "./www-authenticate.js";

describe("parseWwwAuthenticate", () => {
  it.each([
    [
      "docker hub",
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: "bearer",
          params: {
            realm: "https://auth.docker.io/token",
            service: "registry.docker.io",
            scope: "repository:library/alpine:pull",
          },
        },
      ],
    ],
    ["distribution htpasswd", 'Basic realm="regscan-test"', [{ scheme: "basic", params: { realm: "regscan-test" } }]],
    [
      "unquoted, spaces, case",
      "BEARER Realm = https://r/t , Service=s",
      [{ scheme: "bearer", params: { realm: "https://r/t", service: "s" } }],
    ],
    [
      "escaped quote and comma inside quotes",
      'Bearer realm="a\\"b,c",error="insufficient_scope"',
      [{ scheme: "bearer", params: { realm: 'a"b,c', error: "insufficient_scope" } }],
    ],
    [
      "two challenges",
      'Negotiate abc==, Basic realm="x"',
      [
        { scheme: "negotiate", params: {} },
        { scheme: "basic", params: { realm: "x" } },
      ],
    ],
    [
      "scope with several actions",
      'Bearer realm="r",scope="repository:a/b:pull,push"',
      [{ scheme: "bearer", params: { realm: "r", scope: "repository:a/b:pull,push" } }],
    ],
    ["empty", "", []],
    ["null", null, []],
  ])("%s", (_name, header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string(), (s) => void parseWwwAuthenticate(s)),
      { numRuns: 2000 },
    );
  });
});
