import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialFor, type FakeScaleway, startFakeScaleway } from "../test/support/index.js";
import { createScalewayRegistryGateway } from "./scaleway-registry-gateway.js";

const PROJECT = "22222222-2222-4222-8222-222222222222";
const KEY = "33333333-3333-4333-8333-333333333333";

describe("ScalewayRegistryGateway listings", () => {
  let fake: FakeScaleway;
  beforeAll(async () => {
    fake = await startFakeScaleway();
    fake.state.addKey(KEY, { projects: [PROJECT] });
    for (let i = 1; i <= 250; i++)
      fake.state.addNamespace({ name: `ns-${String(i).padStart(3, "0")}`, projectId: PROJECT });
    fake.state.addNamespace({ name: "ns-elsewhere", projectId: PROJECT, region: "nl-ams" });
    const ns = fake.state.namespaces[0]!;
    const app = fake.state.addImage(ns, { name: "team/app", size: 42 });
    for (let i = 1; i <= 230; i++) fake.state.addTag(app, { name: `v${i}` });
    fake.state.addImage(ns, { name: "base" });
  });
  afterAll(() => fake.close());

  const gateway = () => createScalewayRegistryGateway({ apiUrl: fake.url, registry: "rg.{region}.scw.cloud" });
  const credential = () => credentialFor({ secretKey: KEY, projectId: PROJECT, namespace: "ns-001" });

  it("lists all 250 namespaces of the project in the region, in order, over 3 pages", async () => {
    fake.requests.length = 0;
    const namespaces = await gateway().listNamespaces(credential());
    expect(namespaces).toHaveLength(250);
    expect(namespaces.map((n) => n.name)).toEqual(
      Array.from({ length: 250 }, (_, i) => `ns-${String(i + 1).padStart(3, "0")}`),
    );
    expect(namespaces[0]).toEqual({
      id: fake.state.namespaces[0]!.id,
      name: "ns-001",
      description: "",
      endpoint: "rg.fr-par.scw.cloud/ns-001",
      region: "fr-par",
      projectId: PROJECT,
      status: "ready",
      isPublic: false,
      imageCount: 2,
      size: 42,
    });
    const pages = fake.requests.map((r) => [r.query.page, r.query.page_size, r.query.project_id]);
    expect(pages.sort()).toEqual([
      ["1", "100", PROJECT],
      ["2", "100", PROJECT],
      ["3", "100", PROJECT],
    ]);
    expect(fake.requests.every((r) => r.authenticated && r.status === 200)).toBe(true);
  });

  it("lists the images of a namespace by name, with names containing /", async () => {
    const images = await gateway().listImages(credential(), "ns-001");
    expect(images.map((i) => [i.name, i.tags.length, i.size, i.visibility])).toEqual([
      ["team/app", 230, 42, "inherit"],
      ["base", 0, 0, "inherit"],
    ]);
    expect(images[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("lists all 230 tags of an image", async () => {
    const tags = await gateway().listTags(credential(), "ns-001", "team/app");
    expect(tags).toHaveLength(230);
    expect(new Set(tags.map((t) => t.name)).size).toBe(230);
    expect(tags[0]).toMatchObject({
      name: "v1",
      status: "ready",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      imageRef: "rg.fr-par.scw.cloud/ns-001/team/app:v1",
    });
  });

  it("bounds the number of pages fetched at once", async () => {
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const tags = await createScalewayRegistryGateway({
      apiUrl: fake.url,
      fetch: countingFetch,
      concurrency: 2,
    }).listNamespaces(credential());
    expect(tags).toHaveLength(250);
    expect(peak).toBe(2);
  });

  it.each([
    ["default registry", "rg.{region}.scw.cloud", "rg.fr-par.scw.cloud", "rg.fr-par.scw.cloud/ns-001/team/app:v7"],
    ["local test registry", "http://127.0.0.1:5000", "http://127.0.0.1:5000", "127.0.0.1:5000/ns-001/team/app:v7"],
  ])("gives pull coordinates with the %s", async (_name, registry, expectedRegistry, imageRef) => {
    const gw = createScalewayRegistryGateway({ apiUrl: fake.url, registry });
    expect(await gw.pullSource(credential(), "ns-001", "team/app", "v7")).toEqual({
      registry: expectedRegistry,
      repository: "ns-001/team/app",
      reference: "v7",
      imageRef,
      username: "nologin",
      password: KEY,
    });
  });

  it("gives pull coordinates by digest", async () => {
    const tag = fake.state.tags[2]!;
    const coords = await gateway().pullSource(credential(), "ns-001", "team/app", tag.digest);
    expect(coords.imageRef).toBe(`rg.fr-par.scw.cloud/ns-001/team/app@${tag.digest}`);
  });

  it("verifies a good credential", async () => {
    await expect(gateway().verify(credential())).resolves.toBeUndefined();
  });
});
