import { type DomainError, isDomainError } from "@regscan/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialFor, type FakeScaleway, startFakeScaleway } from "../test/support/index.js";
import { createScalewayRegistryGateway } from "./scaleway-registry-gateway.js";

const PROJECT = "22222222-2222-4222-8222-222222222222";
const OTHER_PROJECT = "44444444-4444-4444-8444-444444444444";
const KEYS = {
  good: "a0000000-0000-4000-8000-000000000001",
  revoked: "a0000000-0000-4000-8000-000000000002",
  noRegistry: "a0000000-0000-4000-8000-000000000003",
  otherProject: "a0000000-0000-4000-8000-000000000004",
  unknown: "a0000000-0000-4000-8000-000000000005",
};

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("ScalewayRegistryGateway errors", () => {
  let fake: FakeScaleway;
  beforeAll(async () => {
    fake = await startFakeScaleway();
    fake.state.addKey(KEYS.good, { projects: [PROJECT] });
    fake.state.addKey(KEYS.revoked, { projects: [PROJECT], revoked: true });
    fake.state.addKey(KEYS.noRegistry, { projects: "all", hasRegistryPermission: false });
    fake.state.addKey(KEYS.otherProject, { projects: [OTHER_PROJECT] });
    const ns = fake.state.addNamespace({ name: "my-namespace", projectId: PROJECT });
    fake.state.addNamespace({ name: "amsterdam-ns", projectId: PROJECT, region: "nl-ams" });
    // A near miss here must not hide the exact name in another region.
    fake.state.addNamespace({ name: "amsterdam-nx", projectId: PROJECT });
    fake.state.addNamespace({ name: "unrelated-name", projectId: PROJECT });
    const image = fake.state.addImage(ns, { name: "team/app" });
    fake.state.addTag(image, { name: "latest" });
  });
  afterAll(() => fake.close());

  const gateway = () => createScalewayRegistryGateway({ apiUrl: fake.url, retries: 0 });
  const cred = (secretKey: string, namespace = "my-namespace") =>
    credentialFor({ secretKey, projectId: PROJECT, namespace });

  it.each([
    {
      name: "revoked key",
      key: KEYS.revoked,
      ns: "my-namespace",
      code: "credential_invalid",
      fix: /Create a new API key/,
    },
    {
      name: "unknown key",
      key: KEYS.unknown,
      ns: "my-namespace",
      code: "credential_invalid",
      fix: /rotate the credential's secret/,
    },
    {
      name: "key without registry permission",
      key: KEYS.noRegistry,
      ns: "my-namespace",
      code: "credential_forbidden",
      fix: /ContainerRegistryReadOnly/,
    },
    {
      name: "key scoped to another project",
      key: KEYS.otherProject,
      ns: "my-namespace",
      code: "project_scope_mismatch",
      fix: /scoped to another Scaleway project/,
    },
    {
      name: "namespace in another region",
      key: KEYS.good,
      ns: "amsterdam-ns",
      code: "namespace_not_found",
      fix: /found in nl-ams/,
    },
    {
      name: "namespace in another case",
      key: KEYS.good,
      ns: "My-Namespace",
      code: "namespace_not_found",
      fix: /did you mean my-namespace\?/i,
    },
    {
      name: "namespace misspelt",
      key: KEYS.good,
      ns: "my-namespac",
      code: "namespace_not_found",
      fix: /did you mean my-namespace\?/i,
    },
    {
      name: "namespace nowhere",
      key: KEYS.good,
      ns: "nothing-like-it",
      code: "namespace_not_found",
      fix: /Check the namespace name, region/,
    },
  ])("verify: $name → $code", async ({ key, ns, code, fix }) => {
    const error = await failure(gateway().verify(cred(key, ns)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(fix);
  });

  it("keeps Scaleway's error body in details", async () => {
    const error = await failure(gateway().verify(cred(KEYS.noRegistry)));
    expect(error.details).toMatchObject({
      status: 403,
      scaleway: {
        type: "permissions_denied",
        message: "insufficient permissions",
        details: [{ action: "read", resource: "api_namespace" }],
      },
    });
    const invalid = await failure(gateway().listNamespaces(cred(KEYS.revoked)));
    expect(invalid.details).toMatchObject({
      status: 401,
      scaleway: { type: "denied_authentication", reason: "not_found" },
    });
  });

  it("hints the region and the suggestion in details", async () => {
    const region = await failure(gateway().listImages(cred(KEYS.good), "amsterdam-ns"));
    expect(region.details).toMatchObject({ namespace: "amsterdam-ns", region: "fr-par", foundInRegion: "nl-ams" });
    const cased = await failure(gateway().listImages(cred(KEYS.good), "MY-NAMESPACE"));
    expect(cased.details).toMatchObject({ suggestion: "my-namespace" });
  });

  it.each([
    {
      name: "missing image",
      call: "tags",
      image: "team/nope",
      tag: "latest",
      code: "image_not_found",
      fix: /Check the image name/,
    },
    {
      name: "image in another case",
      call: "tags",
      image: "Team/App",
      tag: "latest",
      code: "image_not_found",
      fix: /Did you mean team\/app\?/,
    },
    {
      name: "missing tag",
      call: "pull",
      image: "team/app",
      tag: "v9",
      code: "tag_not_found",
      fix: /Check the tag name/,
    },
  ])("$name → $code", async ({ call, image, tag, code, fix }) => {
    const gw = gateway();
    const promise =
      call === "tags"
        ? gw.listTags(cred(KEYS.good), "my-namespace", image)
        : gw.pullSource(cred(KEYS.good), "my-namespace", image, tag);
    const error = await failure(promise);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(fix);
  });

  it("never puts the key in a message or in details", async () => {
    const errors = await Promise.all(
      Object.values(KEYS).map((key) =>
        failure(gateway().pullSource(cred(key, "My-Namespace"), "My-Namespace", "x", "y")),
      ),
    );
    for (const [i, error] of errors.entries()) {
      const text = JSON.stringify({ message: error.message, details: error.details });
      expect(text).not.toContain(Object.values(KEYS)[i]);
    }
  });
});
