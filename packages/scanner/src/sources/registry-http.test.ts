import { describe, expect, it } from "vitest";
import { domainFailure } from "../../test/support/streams.js";
import { type FetchLike, getFollowingRedirects } from "./registry-http.js";

/** A fetch that answers from a list of scripted responses and records what it was asked. */
function scripted(...answers: Array<Response | Error>) {
  const calls: Array<{ url: string; authorization: string | undefined }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, authorization: (init?.headers as Record<string, string> | undefined)?.authorization });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, calls };
}

const redirect = (location: string) => new Response(null, { status: 307, headers: { location } });
const options = (fetch: FetchLike, insecure = false) => ({
  fetch,
  headers: {},
  authorization: "Basic c2VjcmV0",
  authOrigin: "https://registry.example",
  insecure,
  label: "registry registry.example (blob)",
  retryDelayMs: 0,
});

describe("getFollowingRedirects", () => {
  it("sends Authorization to the registry only, not across a redirect to another origin", async () => {
    const { fetch, calls } = scripted(
      redirect("https://storage.example/blob?X-Amz-Signature=abc"),
      redirect("https://registry.example/again"),
      new Response("ok"),
    );
    const res = await getFollowingRedirects("https://registry.example/v2/a/blobs/x", options(fetch));
    expect(await new Response(res.body).text()).toBe("ok");
    expect(calls.map((c) => [new URL(c.url).host, c.authorization])).toEqual([
      ["registry.example", "Basic c2VjcmV0"],
      ["storage.example", undefined],
      ["registry.example", "Basic c2VjcmV0"],
    ]);
  });

  it.each([
    ["another port", "https://registry.example:8443/blob"],
    ["plain http on the same host (insecure)", "http://registry.example/blob"],
  ])("drops Authorization for %s", async (_name, location) => {
    const { fetch, calls } = scripted(redirect(location), new Response("ok"));
    await getFollowingRedirects("https://registry.example/v2/a/blobs/x", options(fetch, true));
    expect(calls[1]?.authorization).toBeUndefined();
  });

  it.each([
    ["an http:// redirect without insecure", [redirect("http://storage.example/b")], "not https"],
    ["too many redirects", Array.from({ length: 7 }, (_, i) => redirect(`/r${i}`)), "more than 5 times"],
    [
      "a network error, naming only the host",
      [redirect("https://storage.example/b?sig=s3cr3t"), new TypeError("fetch failed")],
      "Cannot reach storage.example",
    ],
  ])("fails on %s", async (_name, answers, text) => {
    const { fetch } = scripted(...answers);
    const error = await domainFailure(getFollowingRedirects("https://registry.example/v2/a/blobs/x", options(fetch)));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toContain(text);
    expect(error.message).not.toContain("s3cr3t");
  });

  it("retries 429 and 503, then returns the last answer", async () => {
    const { fetch, calls } = scripted(
      new Response(null, { status: 429 }),
      new Response(null, { status: 503 }),
      new Response(null, { status: 429 }),
    );
    const res = await getFollowingRedirects("https://registry.example/v2/", options(fetch));
    expect(res.status).toBe(429);
    expect(calls).toHaveLength(3);
  });
});
