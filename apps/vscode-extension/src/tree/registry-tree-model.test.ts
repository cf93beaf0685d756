import { describe, expect, it } from "vitest";
import { ApiError } from "../api/api-error.js";
import type { Credential } from "../api/api-types.js";
import { type Call, fakeApi } from "../test-support/fake-api.js";
import { MAX_PAGES } from "./paged-listing.js";
import { presentRegistryNode } from "./present-registry-node.js";
import { type RegistryNode, RegistryTreeModel } from "./registry-tree-model.js";

const credential = (id: string, over: Partial<Credential> = {}): Credential => ({
  id,
  orgId: "o1",
  provider: "scaleway",
  scalewayProjectId: "11111111-2222-4333-8444-555555555555",
  region: "fr-par",
  namespace: "team",
  description: `cred ${id}`,
  status: "active",
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: "t",
  updatedAt: "2026-01-01T00:00:00.000Z",
  lastVerifiedAt: null,
  ...over,
});
const ns = (name: string) => ({
  id: name,
  name,
  description: "",
  endpoint: `rg.fr-par.scw.cloud/${name}`,
  region: "fr-par",
  status: "ready",
  isPublic: false,
  imageCount: 1,
  size: 0,
});
const image = (name: string) => ({
  id: name,
  name,
  status: "ready",
  visibility: "inherit",
  size: 0,
  tags: [],
  updatedAt: null,
});
const tag = (name: string, createdAt: string) => ({
  id: name,
  name,
  digest: `sha256:${name}`,
  status: "ready",
  createdAt,
  updatedAt: createdAt,
  imageRef: `h/ns/i:${name}`,
});

function model(listings: Record<string, unknown>, calls: Call[] = [], pageSize = 2) {
  const api = fakeApi(listings as never, calls);
  return new RegistryTreeModel(() => ({ api, projectId: "p1" }), pageSize);
}
const labels = (nodes: RegistryNode[]) => nodes.map((n) => presentRegistryNode(n).label);

describe("RegistryTreeModel", () => {
  it("shows nothing signed out, and says when the organization has no credential", async () => {
    expect(await new RegistryTreeModel(() => null).children()).toEqual([]);
    const empty = model({ credentials: [] });
    expect(await empty.children()).toEqual([]);
    expect(empty.hasNoCredentials).toBe(true);
  });

  it("loads a level page by page with a Load more node, then has no more", async () => {
    const m = model({ credentials: [credential("c1")], "ns:c1": ["a", "b", "c"].map(ns) });
    const [c] = await m.children();
    let kids = await m.children(c);
    expect(labels(kids)).toEqual(["a", "b", "Load more…"]);
    const more = kids[2]!;
    expect(presentRegistryNode(more).command).toMatchObject({ id: "regscan.registries.loadMore" });
    await m.loadMore(c!.key);
    kids = await m.children(c);
    expect(labels(kids)).toEqual(["a", "b", "c"]);
  });

  it("loads a level once when VS Code and a command ask at the same time (no page twice)", async () => {
    const calls: Call[] = [];
    const m = model({ credentials: [credential("c1")], "ns:c1": ["a", "b"].map(ns) }, calls, 100);
    const [[c]] = await Promise.all([m.children(), m.children()]);
    const [first, second] = await Promise.all([m.children(c), m.children(c)]);
    expect(labels(first!)).toEqual(["a", "b"]);
    expect(labels(second!)).toEqual(["a", "b"]);
    expect(calls.map((x) => x.method)).toEqual(["credentials", "namespaces"]);
  });

  it("stops when the API repeats a cursor, and says so", async () => {
    const m = model({ credentials: [credential("c1")], "ns:c1": () => ({ items: [ns("x")], nextCursor: "same" }) });
    const [c] = await m.children();
    await m.children(c);
    await m.loadMore(c!.key);
    expect(labels(await m.children(c))).toEqual([
      "x",
      "x",
      "Stopped loading: the API returned a page it had already returned.",
    ]);
  });

  it(`stops after ${MAX_PAGES} pages, pointing at the filter`, async () => {
    let n = 0;
    const m = model({
      credentials: [credential("c1")],
      "ns:c1": () => ({ items: [ns(`n${n}`)], nextCursor: `k${++n}` }),
    });
    const [c] = await m.children();
    await m.children(c);
    for (let i = 0; i < MAX_PAGES + 5; i++) await m.loadMore(c!.key);
    const kids = await m.children(c);
    expect(kids).toHaveLength(MAX_PAGES + 1);
    expect(labels(kids).at(-1)).toBe(`Showing the first ${MAX_PAGES}: use Filter to narrow the list.`);
  });

  it("sends the filter as q, and refresh bypasses the API's cache once", async () => {
    const calls: Call[] = [];
    const m = model({ credentials: [credential("c1")], "ns:c1": ["api", "web", "worker"].map(ns) }, calls, 100);
    const [c] = await m.children();
    m.setFilter(c!.key, "w");
    expect(labels(await m.children(c))).toEqual(["web", "worker"]);
    expect(calls.at(-1)).toEqual({ method: "namespaces", args: ["c1", { limit: 100, cursor: null, q: "w" }] });
    m.setFilter(c!.key, "zzz");
    expect(labels(await m.children(c))).toEqual(['No namespaces match "zzz".']);
    m.refresh(c!.key);
    await m.children(c);
    expect(calls.at(-1)?.args[1]).toEqual({ limit: 100, cursor: null, q: "zzz", refresh: true });
  });

  it("turns a failing level into an error node with the message, the code and an action", async () => {
    const m = model({
      credentials: [credential("bad")],
      "ns:bad": new ApiError("credential_invalid", "Scaleway answered 401 for the key.", 422),
    });
    const [c] = await m.children();
    const [error] = await m.children(c);
    const look = presentRegistryNode(error!);
    expect(look).toMatchObject({
      label: "Scaleway rejected the stored secret key (revoked, expired or wrong).",
      description: "credential_invalid",
      icon: "error",
      iconColor: "errorForeground",
      contextValue: "regscan.error.verify",
    });
    expect(look.tooltip).toContain("Scaleway answered 401 for the key.");
  });

  it("shows an unknown failure as an error node too (never a thrown getChildren)", async () => {
    const api = {
      credentials: async () => {
        throw new TypeError("boom");
      },
    } as never;
    const [node] = await new RegistryTreeModel(() => ({ api, projectId: "p" })).children();
    expect(node).toMatchObject({ kind: "error", code: "unexpected", detail: "boom" });
  });

  it("lists tags newest first, with the digest in the tooltip and the age as description", async () => {
    const m = model(
      {
        credentials: [credential("c1")],
        "ns:c1": [ns("team")],
        "img:c1/team": [image("api")],
        "tags:c1/team/api": [
          tag("1.0", "2026-01-01T00:00:00Z"),
          tag("1.2", "2026-03-01T00:00:00Z"),
          tag("1.1", "2026-02-01T00:00:00Z"),
        ],
      },
      [],
      100,
    );
    const [c] = await m.children();
    const [n] = await m.children(c);
    const [i] = await m.children(n);
    const tags = await m.children(i);
    expect(labels(tags)).toEqual(["1.2", "1.1", "1.0"]);
    const look = presentRegistryNode(tags[0]!, new Date("2026-03-01T02:00:00Z"));
    expect(look).toMatchObject({ description: "2 h ago", contextValue: "regscan.tag" });
    expect(look.tooltip).toContain("Digest: sha256:1.2");
  });
});
