import { describe, expect, it } from "vitest";
import { parseReference } from "./image-reference.js";
import { parseEndpoint, RegistryIndex } from "./registry-index.js";

const index = RegistryIndex.build([
  { credentialId: "c1", namespaces: [{ name: "team", endpoint: "rg.fr-par.scw.cloud/team" }], hosts: [] },
  {
    credentialId: "c2",
    namespaces: [
      { name: "team", endpoint: "rg.fr-par.scw.cloud/team" },
      { name: "other", endpoint: "rg.fr-par.scw.cloud/other" },
    ],
    hosts: ["127.0.0.1:5000"],
  },
]);
const locate = (ref: string) => index.locate(parseReference(ref)!);

describe("RegistryIndex", () => {
  it.each([
    {
      ref: "rg.fr-par.scw.cloud/team/api:1",
      want: { found: true, credentialId: "c1", namespace: "team", image: "api" },
    },
    {
      ref: "rg.fr-par.scw.cloud/other/a/b",
      want: { found: true, credentialId: "c2", namespace: "other", image: "a/b" },
    },
    { ref: "127.0.0.1:5000/other/x", want: { found: true, credentialId: "c2", namespace: "other", image: "x" } },
  ])("finds $ref", ({ ref, want }) => {
    expect(locate(ref)).toEqual(want);
  });

  it.each([
    {
      ref: "rg.fr-par.scw.cloud/nope/api",
      reason: 'No regscan credential lists the namespace "nope" on rg.fr-par.scw.cloud.',
    },
    {
      ref: "alpine:3",
      reason:
        "docker.io is not a registry of your regscan credentials (regscan scans rg.fr-par.scw.cloud, 127.0.0.1:5000).",
    },
    {
      ref: "rg.fr-par.scw.cloud/team",
      reason: 'No regscan credential lists the namespace "team" on rg.fr-par.scw.cloud.',
    },
  ])("says why it cannot scan $ref", ({ ref, reason }) => {
    expect(locate(ref)).toEqual({ found: false, reason });
  });

  it("says when no credential lists anything", () => {
    expect(new RegistryIndex([]).locate(parseReference("a/b")!)).toMatchObject({
      found: false,
      reason: expect.stringContaining("No regscan credential"),
    });
  });

  it.each([
    ["rg.fr-par.scw.cloud/team", { host: "rg.fr-par.scw.cloud", namespace: "team" }],
    ["https://127.0.0.1:5000/ns/", { host: "127.0.0.1:5000", namespace: "ns" }],
    ["no-namespace", null],
    ["a/b/c", null],
  ] as const)("parses the endpoint %s", (endpoint, want) => {
    expect(parseEndpoint(endpoint)).toEqual(want);
  });
});
