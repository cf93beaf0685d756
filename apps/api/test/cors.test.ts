import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "./support/start-api.js";

describe("CORS for the web dashboard", () => {
  let withCors: TestApi;
  let withoutCors: TestApi;
  beforeAll(async () => {
    withCors = await startApi({ env: { REGSCAN_CORS_ORIGINS: "https://dash.example.com, https://admin.example.com" } });
    withoutCors = await startApi();
  });
  afterAll(async () => {
    await withCors.cleanup();
    await withoutCors.cleanup();
  });

  const preflight = (api: TestApi, origin: string) =>
    fetch(`${api.url}/v1/me`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });

  it.each([
    { origin: "https://dash.example.com", allowed: true },
    { origin: "https://admin.example.com", allowed: true },
    { origin: "https://evil.example.com", allowed: false },
  ])("an allowed list answers $origin with allowed=$allowed", async ({ origin, allowed }) => {
    const res = await preflight(withCors, origin);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed ? origin : null);
    if (allowed) expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });

  it("lets the dashboard read the rate limit headers", async () => {
    const res = await fetch(`${withCors.url}/v1/health`, { headers: { origin: "https://dash.example.com" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://dash.example.com");
    const exposed = res.headers.get("access-control-expose-headers")?.toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining(["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"]),
    );
    expect(res.headers.get("ratelimit-limit")).toBe("600");
  });

  it("is off by default", async () => {
    const res = await preflight(withoutCors, "https://dash.example.com");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
