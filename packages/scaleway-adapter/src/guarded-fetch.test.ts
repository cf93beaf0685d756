import { type DomainError, isDomainError } from "@regscan/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { credentialFor, type FakeScaleway, startFakeScaleway } from "../test/support/index.js";
import { createScalewayRegistryGateway, type ScalewayRegistryGatewayOptions } from "./scaleway-registry-gateway.js";

const PROJECT = "22222222-2222-4222-8222-222222222222";
const KEY = "55555555-5555-4555-8555-555555555555";
const NOW = Date.parse("2026-11-26T12:00:00Z");

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("Scaleway transport: retries, timeouts, redirects, key confinement", () => {
  let fake: FakeScaleway;
  let elsewhere: FakeScaleway;
  let sleeps: number[];
  beforeAll(async () => {
    fake = await startFakeScaleway();
    elsewhere = await startFakeScaleway();
    for (const f of [fake, elsewhere]) {
      f.state.addKey(KEY, { projects: [PROJECT] });
      f.state.addNamespace({ name: "my-namespace", projectId: PROJECT });
    }
  });
  afterAll(async () => {
    await fake.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    sleeps = [];
    fake.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  const gateway = (overrides: ScalewayRegistryGatewayOptions = {}) =>
    createScalewayRegistryGateway({
      apiUrl: fake.url,
      retries: 3,
      baseDelayMs: 100,
      maxDelayMs: 5_000,
      random: () => 0.5,
      now: () => NOW,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    });
  const cred = credentialFor({ secretKey: KEY, projectId: PROJECT, namespace: "my-namespace" });

  it.each([
    { name: "Retry-After in seconds", retryAfter: "2", expected: [2000, 2000] },
    { name: "Retry-After as an HTTP date", retryAfter: "Thu, 26 Nov 2026 12:00:03 GMT", expected: [3000, 3000] },
    { name: "Retry-After 0 (backoff applies)", retryAfter: "0", expected: [75, 150] },
  ])("retries 429 honouring $name, then succeeds", async ({ retryAfter, expected }) => {
    fake.rateLimitNext(2, retryAfter);
    const namespaces = await gateway().listNamespaces(cred);
    expect(namespaces.map((n) => n.name)).toEqual(["my-namespace"]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(sleeps).toEqual(expected);
  });

  it("gives up with rate_limited after the bounded number of retries", async () => {
    fake.rateLimitNext(4, "1");
    const error = await failure(gateway().listNamespaces(cred));
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/Wait a minute and retry/);
    expect(error.details).toMatchObject({ status: 429, attempts: 4, scaleway: { type: "too_many_requests" } });
    expect(fake.requests).toHaveLength(4);
  });

  it("does not wait when Retry-After is longer than the longest allowed delay", async () => {
    fake.rateLimitNext(1, "3600");
    expect((await failure(gateway().listNamespaces(cred))).code).toBe("rate_limited");
    expect(sleeps).toEqual([]);
  });

  it.each([500, 502, 503])("retries %i with exponential backoff, then upstream_unavailable", async (status) => {
    fake.failNext(4, status);
    const error = await failure(gateway().listNamespaces(cred));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toMatch(/status page/);
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it("recovers from a 503 followed by a success", async () => {
    fake.failNext(1, 503);
    await expect(gateway().listNamespaces(cred)).resolves.toHaveLength(1);
  });

  it("reports a non-JSON answer as upstream_unavailable", async () => {
    fake.garbleNext(1);
    const error = await failure(gateway().listNamespaces(cred));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toMatch(/could not read/);
  });

  it("times out a hung upstream with upstream_unavailable", async () => {
    fake.hangNext(1);
    const started = Date.now();
    const error = await failure(gateway({ timeoutMs: 150 }).listNamespaces(cred));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toMatch(/did not answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not follow a redirect, and the key never reaches the other host", async () => {
    fake.redirectNext(1, `${elsewhere.url}/registry/v1/regions/fr-par/namespaces`);
    const error = await failure(gateway().listNamespaces(cred));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toMatch(/redirect \(302\)/);
    expect(elsewhere.requests).toEqual([]);
    expect(elsewhere.sawSecret(KEY)).toBe(false);
  });

  it("sends the key only to the configured API host", async () => {
    const hosts: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has("x-auth-token")) hosts.push(new URL(input instanceof Request ? input.url : String(input)).host);
      return fetch(input, init);
    };
    await gateway({ fetch: recording })
      .pullSource(cred, "my-namespace", "nope", "x")
      .catch(() => undefined);
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set([new URL(fake.url).host]));
    expect(fake.requests.every((r) => r.host === new URL(fake.url).host)).toBe(true);
  });

  it("passes the caller's cancellation through without retrying", async () => {
    fake.hangNext(1);
    const controller = new AbortController();
    const promise = gateway({ timeoutMs: 10_000 }).listNamespaces(cred, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("cancelled by caller")), 50);
    await expect(promise).rejects.toThrow("cancelled by caller");
    expect(fake.requests).toHaveLength(1);
  });
});
