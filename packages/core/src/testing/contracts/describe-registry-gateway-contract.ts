import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DomainError, isDomainError } from "../../errors/domain-error.js";
import type { Region, UsableCredential } from "../../model/credential.js";
import type { RegistryGateway } from "../../ports/registry-gateway.js";

/** A secret key of the world and what it may do. */
export interface RegistryWorldKey {
  secretKey: string;
  /** Scaleway project ids the key may see. */
  projects: string[];
  /** False: the key is valid but has no Container Registry permission. */
  registryAccess: boolean;
  /** True: the key was deleted (every call fails with `credential_invalid`). */
  revoked: boolean;
}

export interface RegistryWorldNamespace {
  name: string;
  region: Region;
  projectId: string;
  images: { name: string; tags: { name: string; digest: string }[] }[];
}

/** What an implementation must seed its backend with before the contract runs (read-only). */
export interface RegistryWorld {
  /** The good credential: its key sees its project and its namespace exists. */
  credential: UsableCredential;
  keys: RegistryWorldKey[];
  namespaces: RegistryWorldNamespace[];
}

/** A gateway over a backend seeded with the world, and how to release it (stop a server). */
export interface RegistryGatewaySubject {
  gateway: RegistryGateway;
  close?: () => Promise<void> | void;
}

export type MakeRegistryGatewaySubject = (
  world: RegistryWorld,
) => Promise<RegistryGatewaySubject> | RegistryGatewaySubject;

const PROJECT = "22222222-2222-4222-8222-222222222222";
const OTHER_PROJECT = "44444444-4444-4444-8444-444444444444";
const KEY = {
  good: "a0000000-0000-4000-8000-000000000001",
  revoked: "a0000000-0000-4000-8000-000000000002",
  noRegistry: "a0000000-0000-4000-8000-000000000003",
  otherProject: "a0000000-0000-4000-8000-000000000004",
  unknown: "a0000000-0000-4000-8000-000000000005",
};
const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, "0")}`;
const tags = (...names: string[]) => names.map((name, i) => ({ name, digest: digest(i + 1) }));
const emptyNs = (name: string, region: Region = "fr-par", projectId = PROJECT): RegistryWorldNamespace => ({
  name,
  region,
  projectId,
  images: [],
});

/** 120 namespaces of the project in fr-par (more than one page of 100), plus distractors. */
const WORLD: RegistryWorld = {
  credential: {
    id: "cred-1",
    orgId: "org-1",
    provider: "scaleway",
    scalewayProjectId: PROJECT,
    region: "fr-par",
    namespace: "my-namespace",
    description: null,
    status: "active",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    createdBy: "token-1",
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    lastVerifiedAt: null,
    secretKey: KEY.good,
  },
  keys: [
    { secretKey: KEY.good, projects: [PROJECT], registryAccess: true, revoked: false },
    { secretKey: KEY.revoked, projects: [PROJECT], registryAccess: true, revoked: true },
    { secretKey: KEY.noRegistry, projects: [PROJECT, OTHER_PROJECT], registryAccess: false, revoked: false },
    { secretKey: KEY.otherProject, projects: [OTHER_PROJECT], registryAccess: true, revoked: false },
  ],
  namespaces: [
    {
      name: "my-namespace",
      region: "fr-par",
      projectId: PROJECT,
      images: [
        { name: "team/app", tags: tags("latest", "v1.2.3", "v1") },
        { name: "base", tags: [] },
        { name: "team/sub/tool", tags: tags("2026-01") },
      ],
    },
    ...Array.from({ length: 119 }, (_, i) => emptyNs(`ns-${String(i + 1).padStart(3, "0")}`)),
    {
      name: "amsterdam-only",
      region: "nl-ams",
      projectId: PROJECT,
      images: [{ name: "team/app", tags: tags("latest") }],
    },
    {
      name: "other-project-ns",
      region: "fr-par",
      projectId: OTHER_PROJECT,
      images: [{ name: "team/app", tags: tags("latest") }],
    },
  ],
};

const good = WORLD.credential;
const withKey = (secretKey: string): UsableCredential => ({ ...good, secretKey });
const main = WORLD.namespaces[0]!;
const app = main.images[0]!;

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

type Call = (g: RegistryGateway, c: UsableCredential) => Promise<unknown>;
const CALLS: [string, Call][] = [
  ["verify", (g, c) => g.verify(c)],
  ["listNamespaces", (g, c) => g.listNamespaces(c)],
  ["listImages", (g, c) => g.listImages(c, "my-namespace")],
  ["listTags", (g, c) => g.listTags(c, "my-namespace", "team/app")],
  ["pullSource", (g, c) => g.pullSource(c, "my-namespace", "team/app", "latest")],
];
const BAD_KEYS = [
  { name: "revoked key", key: KEY.revoked, code: "credential_invalid" },
  { name: "unknown key", key: KEY.unknown, code: "credential_invalid" },
  { name: "key without registry permission", key: KEY.noRegistry, code: "credential_forbidden" },
  { name: "key of another project", key: KEY.otherProject, code: "project_scope_mismatch" },
];
const KEY_ROWS = BAD_KEYS.flatMap((bad) => CALLS.map(([call, run]) => ({ ...bad, call, run })));

const LOOKUP_ROWS: { name: string; run: Call; code: string }[] = [
  {
    name: "verify: credential namespace unknown",
    run: (g, c) => g.verify({ ...c, namespace: "nothing-like-it" }),
    code: "namespace_not_found",
  },
  {
    name: "verify: namespace only in another region",
    run: (g, c) => g.verify({ ...c, namespace: "amsterdam-only" }),
    code: "namespace_not_found",
  },
  {
    name: "listImages: unknown namespace",
    run: (g, c) => g.listImages(c, "nothing-like-it"),
    code: "namespace_not_found",
  },
  {
    name: "listImages: namespace of another project",
    run: (g, c) => g.listImages(c, "other-project-ns"),
    code: "namespace_not_found",
  },
  {
    name: "listTags: unknown namespace",
    run: (g, c) => g.listTags(c, "nothing-like-it", "team/app"),
    code: "namespace_not_found",
  },
  {
    name: "listTags: unknown image",
    run: (g, c) => g.listTags(c, "my-namespace", "team/nope"),
    code: "image_not_found",
  },
  {
    name: "listTags: image of another namespace",
    run: (g, c) => g.listTags(c, "ns-001", "team/app"),
    code: "image_not_found",
  },
  {
    name: "pullSource: unknown namespace",
    run: (g, c) => g.pullSource(c, "nothing-like-it", "team/app", "latest"),
    code: "namespace_not_found",
  },
  {
    name: "pullSource: unknown image",
    run: (g, c) => g.pullSource(c, "my-namespace", "team/nope", "latest"),
    code: "image_not_found",
  },
  {
    name: "pullSource: unknown tag",
    run: (g, c) => g.pullSource(c, "my-namespace", "team/app", "v9"),
    code: "tag_not_found",
  },
  {
    name: "pullSource: tag of another image",
    run: (g, c) => g.pullSource(c, "my-namespace", "team/sub/tool", "latest"),
    code: "tag_not_found",
  },
];

/** Fails when the error's message or details contain any secret key of the world. */
function expectNoSecret(error: DomainError): void {
  const text = JSON.stringify({ message: error.message, details: error.details ?? null, stack: error.stack ?? "" });
  for (const secret of Object.values(KEY)) expect(text.includes(secret), "error leaks a secret key").toBe(false);
}

/**
 * The behaviour every {@link RegistryGateway} must have. `make` seeds its backend with the world
 * the contract describes; the world is read-only, so one subject serves every test of the suite.
 */
export function describeRegistryGatewayContract(make: MakeRegistryGatewaySubject): void {
  describe("RegistryGateway contract", () => {
    let subject: RegistryGatewaySubject | undefined;
    beforeAll(async () => void (subject = await make(structuredClone(WORLD))));
    afterAll(async () => void (await subject?.close?.(), (subject = undefined)));
    const gateway = (): RegistryGateway => {
      if (!subject) throw new Error("contract subject used outside of a test");
      return subject.gateway;
    };

    it("verifies a good credential", async () => {
      await expect(gateway().verify(good)).resolves.toBeUndefined();
    });

    it("lists every namespace of the credential's project in its region (more than one page)", async () => {
      const namespaces = await gateway().listNamespaces(good);
      const expected = WORLD.namespaces
        .filter((ns) => ns.region === good.region && ns.projectId === PROJECT)
        .map((ns) => ns.name);
      expect(expected).toHaveLength(120);
      expect(namespaces.map((ns) => ns.name).sort()).toEqual([...expected].sort());
      expect(new Set(namespaces.map((ns) => ns.id)).size).toBe(120);
      for (const ns of namespaces) expect(ns).toMatchObject({ region: "fr-par", projectId: PROJECT });
    });

    it("lists the images of a namespace by exact name (names with /), with their tag names", async () => {
      const nsId = (await gateway().listNamespaces(good)).find((ns) => ns.name === "my-namespace")?.id;
      const images = await gateway().listImages(good, "my-namespace");
      expect(images.map((i) => i.name).sort()).toEqual(["base", "team/app", "team/sub/tool"]);
      for (const image of images) {
        expect(image.namespaceId).toBe(nsId);
        const seeded = main.images.find((i) => i.name === image.name)!;
        expect([...image.tags].sort()).toEqual(seeded.tags.map((t) => t.name).sort());
      }
      expect(await gateway().listImages(good, "ns-001")).toEqual([]);
    });

    it.each(main.images.map((image) => ({ image: image.name, expected: image.tags })))(
      "lists every tag of $image with its digest",
      async ({ image, expected }) => {
        const imageId = (await gateway().listImages(good, "my-namespace")).find((i) => i.name === image)?.id;
        const listed = await gateway().listTags(good, "my-namespace", image);
        const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
        expect(listed.map((t) => ({ name: t.name, digest: t.digest })).sort(byName)).toEqual(
          [...expected].sort(byName),
        );
        for (const tag of listed) expect(tag.imageId).toBe(imageId);
      },
    );

    it.each([
      { name: "a tag", image: "team/app", reference: "v1.2.3" },
      { name: "a tag of a nested image", image: "team/sub/tool", reference: "2026-01" },
      { name: "a digest", image: "team/app", reference: app.tags[1]!.digest },
    ])("gives pull coordinates for $name", async ({ image, reference }) => {
      const coords = await gateway().pullSource(good, "my-namespace", image, reference);
      expect(coords).toMatchObject({
        repository: `my-namespace/${image}`,
        reference,
        username: "nologin",
        password: KEY.good,
      });
      expect(coords.registry).not.toBe("");
      expect(coords.imageRef).toContain(`my-namespace/${image}`);
      // Scan references are checked against registryHost: the pulled image must be on it.
      const host = gateway().registryHost(good);
      expect(host).toMatch(/^[a-z0-9.[\]:-]+$/i);
      expect(coords.imageRef.startsWith(`${host}/my-namespace/${image}`)).toBe(true);
    });

    it("gives pull coordinates for a digest no tag names (one platform of an index): the registry answers for content", async () => {
      const coords = await gateway().pullSource(good, "my-namespace", "team/app", digest(99));
      expect(coords).toMatchObject({ repository: "my-namespace/team/app", reference: digest(99) });
      expect(coords.imageRef).toContain(`@${digest(99)}`);
    });

    it.each(["fr-par", "nl-ams", "pl-waw"] as const)("names the registry host of %s without a scheme", (region) => {
      const host = gateway().registryHost({ region });
      expect(host).not.toMatch(/^[a-z]+:\/\//);
      expect(host).not.toContain("/");
      expect(host).not.toBe("");
    });

    it.each(KEY_ROWS)("$call with a $name → $code", async ({ key, run, code }) => {
      const error = await failure(run(gateway(), withKey(key)));
      expect(error.code).toBe(code);
      expectNoSecret(error);
    });

    it.each(LOOKUP_ROWS)("$name → $code", async ({ run, code }) => {
      const error = await failure(run(gateway(), good));
      expect(error.code).toBe(code);
      expectNoSecret(error);
    });
  });
}
