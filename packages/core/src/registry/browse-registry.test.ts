import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { browseImages, browseNamespaces, browseTags } from "./browse-registry.js";
import { browseSetup, image, listingGateway, namespace, SECRET, tag } from "./browse-test-setup.js";

const nsNames = (n: number) => Array.from({ length: n }, (_, i) => `ns-${i + 1}`);

describe("browse registry use cases", () => {
  it("pages through 250 namespaces in name order with one registry call", async () => {
    const fake = listingGateway({ namespaces: [...nsNames(250)].reverse().map(namespace) });
    const { deps, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await browseNamespaces(deps, reader, projectId, credentialId, { limit: 100, cursor });
      seen.push(...page.items.map((n) => n.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(nsNames(250)); // natural order: ns-2 before ns-10
    expect(fake.calls).toEqual(["namespaces"]);
    expect(fake.secrets).toEqual([SECRET]);
  });

  it.each([
    { q: "PROD", expected: ["api-prod", "prod-web"] },
    { q: "web", expected: ["prod-web", "staging-web"] },
    { q: "  ", expected: ["api-prod", "prod-web", "staging-web"] },
    { q: "nothing", expected: [] },
  ])("filters by q=$q (case-insensitive substring)", async ({ q, expected }) => {
    const fake = listingGateway({ namespaces: ["staging-web", "prod-web", "api-prod"].map(namespace) });
    const { deps, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    const page = await browseNamespaces(deps, reader, projectId, credentialId, { q });
    expect(page.items.map((n) => n.name)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
  });

  it("caches per credential for the TTL; refresh bypasses; expiry asks again", async () => {
    const fake = listingGateway({ images: [image("app")] });
    const { deps, core, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    const browse = (refresh = false) =>
      browseImages(deps, reader, projectId, credentialId, "my-namespace", { refresh });
    await browse();
    core.clock.advance(29_999);
    await browse();
    expect(fake.calls).toHaveLength(1);
    await browse(true);
    expect(fake.calls).toHaveLength(2);
    core.clock.advance(30_000);
    await browse();
    expect(fake.calls).toEqual(["images my-namespace", "images my-namespace", "images my-namespace"]);
    await browseImages(deps, reader, projectId, credentialId, "other-ns");
    expect(fake.calls.at(-1)).toBe("images other-ns");
  });

  it("audits each use of the secret, not cache hits", async () => {
    const fake = listingGateway({ tags: [tag("v1")] });
    const { deps, core, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    await browseTags(deps, reader, projectId, credentialId, "my-namespace", "team/app");
    await browseTags(deps, reader, projectId, credentialId, "my-namespace", "team/app");
    const uses = core.audit.entries().filter((e) => e.action === "credential.use");
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({
      actorId: "reader",
      targetId: credentialId,
      metadata: { purpose: "list_tags", projectId },
    });
    expect(JSON.stringify(core.audit.entries())).not.toContain(SECRET);
  });

  it("gives each tag its imageRef (from the gateway, or built from the region)", async () => {
    const fake = listingGateway({ tags: [tag("v2", "127.0.0.1:5000/my-namespace/team/app:v2"), tag("v10")] });
    const { deps, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    const page = await browseTags(deps, reader, projectId, credentialId, "my-namespace", "team/app");
    expect(page.items.map((t) => [t.name, t.imageRef])).toEqual([
      ["v2", "127.0.0.1:5000/my-namespace/team/app:v2"],
      ["v10", "rg.fr-par.scw.cloud/my-namespace/team/app:v10"],
    ]);
  });

  it.each([
    { who: "stranger", code: "not_found" },
    { who: "scanner", code: "forbidden" },
  ] as const)("refuses a $who ($code) even when the listing is cached", async ({ who, code }) => {
    const fake = listingGateway({ namespaces: [namespace("a")] });
    const setup = await browseSetup(fake.gateway);
    await browseNamespaces(setup.deps, setup.reader, setup.projectId, setup.credentialId);
    await expect(browseNamespaces(setup.deps, setup[who], setup.projectId, setup.credentialId)).rejects.toMatchObject({
      code,
    });
    expect(fake.calls).toHaveLength(1);
  });

  it("is not_found for an unknown credential", async () => {
    const { deps, reader, projectId } = await browseSetup(listingGateway({}).gateway);
    await expect(browseNamespaces(deps, reader, projectId, "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("does not serve a listing cached under the previous secret after a rotation", async () => {
    const fake = listingGateway({ namespaces: [namespace("a")] });
    const { deps, core, reader, orgId, projectId, credentialId } = await browseSetup(fake.gateway);
    await browseNamespaces(deps, reader, projectId, credentialId);
    core.clock.advance(1000);
    const sealed = await core.cipher.encrypt("0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e", { orgId, credentialId });
    await core.credentials.updateSecret(orgId, credentialId, sealed, core.clock.now());
    await browseNamespaces(deps, reader, projectId, credentialId);
    expect(fake.secrets).toEqual([SECRET, "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e"]);
  });

  it("passes registry errors through and does not cache them", async () => {
    const fake = listingGateway({ namespaces: [namespace("a")] });
    const { deps, reader, projectId, credentialId } = await browseSetup(fake.gateway);
    fake.failWith(new DomainError("credential_invalid", "The Scaleway secret key was rejected."));
    await expect(browseNamespaces(deps, reader, projectId, credentialId)).rejects.toMatchObject({
      code: "credential_invalid",
    });
    fake.failWith(null);
    await expect(browseNamespaces(deps, reader, projectId, credentialId)).resolves.toMatchObject({
      items: [{ name: "a" }],
    });
  });

  it.each([
    { name: "limit 0", options: { limit: 0 }, field: "limit" },
    { name: "limit 101", options: { limit: 101 }, field: "limit" },
    { name: "garbage cursor", options: { cursor: "%%%" }, field: "cursor" },
    { name: "cursor without a name", options: { cursor: btoa(JSON.stringify({ at: 3 })) }, field: "cursor" },
  ])("rejects $name with validation_failed", async ({ options, field }) => {
    const { deps, reader, projectId, credentialId } = await browseSetup(listingGateway({}).gateway);
    await expect(browseNamespaces(deps, reader, projectId, credentialId, options)).rejects.toMatchObject({
      code: "validation_failed",
      details: { field },
    });
  });
});
