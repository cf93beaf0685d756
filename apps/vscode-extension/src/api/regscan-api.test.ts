/**
 * The typed client against the real API (apps/api's in-process test server on a temp libSQL file),
 * and against hostile or broken answers a real API does not give.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { startApi, type TestApi } from "../../../api/test/support/start-api.js";
import { ApiError, MAX_RESPONSE_BYTES } from "./api-error.js";
import type { Me, Page, Scan } from "./api-types.js";
import { RegscanApi } from "./regscan-api.js";

describe("RegscanApi against the real API", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => api?.cleanup());
  const client = (token = "rgs_test-bootstrap-token-0123456789", onRequest?: (c: unknown) => void) =>
    new RegscanApi({ baseUrl: api.url, token, ...(onRequest ? { onRequest } : {}) });

  it("reads /v1/me and the project's credentials, typed from the API's routes", async () => {
    const me = await client().me();
    expectTypeOf<ReturnType<RegscanApi["me"]>>().toEqualTypeOf<Promise<Me>>();
    expectTypeOf<ReturnType<RegscanApi["listScans"]>>().toEqualTypeOf<Promise<Page<Scan>>>();
    expect(me.projects.map((p) => p.name)).toEqual(["default"]);
    expect(await client().credentials(me.projects[0]!.id)).toEqual([]);
    expect((await client().listScans(me.projects[0]!.id)).items).toEqual([]);
  });

  it("turns a problem+json answer into an ApiError with its code and detail", async () => {
    const error = await client("rgs_wrong-token-0000000000")
      .me()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "unauthenticated", status: 401 });
  });

  it("encodes path parameters (an image name with /) and never logs the token", async () => {
    const calls: Array<{ path: string }> = [];
    const me = await client(undefined, (c) => calls.push(c as { path: string })).me();
    const error = await client(undefined, (c) => calls.push(c as { path: string }))
      .tags(me.projects[0]!.id, "no-such-credential", "ns", "a/b")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect(calls.map((c) => c.path)).toEqual([
      "/v1/me",
      `/v1/projects/${me.projects[0]!.id}/credentials/no-such-credential/namespaces/ns/images/a%2Fb/tags`,
    ]);
    expect(JSON.stringify(calls)).not.toContain("rgs_test-bootstrap");
  });
});

describe("RegscanApi with broken answers", () => {
  const withFetch = (fetch: typeof globalThis.fetch, timeoutMs = 5000) =>
    new RegscanApi({ baseUrl: "http://api.test", token: "t0ken", fetch, timeoutMs });

  it.each([
    {
      name: "HTML from a proxy",
      response: () => new Response("<html>bad gateway</html>", { status: 502 }),
      code: "bad_response",
    },
    {
      name: "JSON that is not a problem",
      response: () => new Response('{"error":"x"}', { status: 500 }),
      code: "bad_response",
    },
    {
      name: "a redirect (never followed)",
      response: () => new Response(null, { status: 302, headers: { location: "http://evil.test/" } }),
      code: "bad_response",
    },
    {
      name: "a declared oversize body",
      response: () => new Response("{}", { headers: { "content-length": String(MAX_RESPONSE_BYTES + 1) } }),
      code: "bad_response",
    },
    {
      name: "an endless body",
      response: () =>
        new Response(
          new ReadableStream({
            pull(c) {
              c.enqueue(new Uint8Array(1024 * 1024));
            },
          }),
        ),
      code: "bad_response",
    },
    {
      name: "an unknown code from a newer API",
      response: () => Response.json({ code: "brand_new", detail: "d" }, { status: 418 }),
      code: "brand_new",
    },
  ])("$name → $code", async ({ response, code }) => {
    const error = await withFetch(async () => response())
      .me()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", code });
  });

  it("says unreachable and timeout apart, and sends the token only as a bearer header", async () => {
    let seen: Headers | undefined;
    await withFetch(async (_url, init) => {
      seen = new Headers(init?.headers);
      throw new TypeError("fetch failed");
    })
      .me()
      .catch(() => undefined);
    expect(seen?.get("authorization")).toBe("Bearer t0ken");
    expect(
      await withFetch(async () => {
        throw new TypeError("fetch failed");
      })
        .me()
        .catch((e: unknown) => e),
    ).toMatchObject({ code: "unreachable" });
    const hang: typeof fetch = (_u, init) =>
      new Promise((_ok, fail) => init?.signal?.addEventListener("abort", () => fail(init.signal?.reason)));
    expect(
      await withFetch(hang, 50)
        .me()
        .catch((e: unknown) => e),
    ).toMatchObject({ code: "timeout" });
  });
});
