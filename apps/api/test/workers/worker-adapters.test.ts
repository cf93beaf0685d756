/**
 * The Worker-specific adapters against the real runtime's bindings: the Cache API browse cache,
 * the R2 layer cache, the rate-limiting binding behind the API's middleware, the Queue job queue.
 */

import { env } from "cloudflare:test";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Principal } from "@regscan/core";
import { emptyLayerFiles } from "@regscan/scanner";
import { describe, expect, it } from "vitest";
import type { AuthEnv } from "../../src/http/auth.js";
import { createJsonLogger } from "../../src/http/logger.js";
import { problemFor, problemResponse, toDomainError } from "../../src/http/problem.js";
import { rateLimit } from "../../src/http/rate-limit.js";
import { createCacheApiBrowseCache } from "../../src/worker/cache-api-browse-cache.js";
import type { R2BucketBinding, RateLimitBinding } from "../../src/worker/cloudflare-bindings.js";
import { createQueueJobQueue, MAX_QUEUE_DELAY_SECONDS, scanIdOf } from "../../src/worker/queue-job-queue.js";
import { createR2LayerCache } from "../../src/worker/r2-layer-cache.js";
import { createBindingRateLimiter } from "../../src/worker/rate-limit-binding.js";

const logs: string[] = [];
const logger = createJsonLogger((line) => logs.push(line));
const cache = (globalThis as unknown as { caches: { default: Cache } }).caches.default;

describe("Cache API browse cache", () => {
  it("shares entries through caches.default between isolates' caches, for the TTL", async () => {
    const key = `cred-${crypto.randomUUID()}:namespaces`;
    const writer = createCacheApiBrowseCache({ cache, ttlSeconds: 30, logger });
    await writer.set(key, { items: [{ name: "regscan" }] });
    const other = createCacheApiBrowseCache({ cache, ttlSeconds: 30, logger });
    expect(await other.get(key)).toEqual({ items: [{ name: "regscan" }] });
    expect(await other.get(`${key}:other`)).toBeUndefined();
  });

  it("caches nothing with a TTL of 0", async () => {
    const key = `cred-${crypto.randomUUID()}`;
    await createCacheApiBrowseCache({ cache, ttlSeconds: 0, logger }).set(key, 1);
    expect(await createCacheApiBrowseCache({ cache, ttlSeconds: 30, logger }).get(key)).toBeUndefined();
  });

  it("treats a failing Cache API as a miss and logs it", async () => {
    const broken = {
      match: async () => {
        throw new Error("cache unavailable");
      },
      put: async () => {
        throw new Error("cache unavailable");
      },
    } as unknown as Cache;
    const browse = createCacheApiBrowseCache({ cache: broken, ttlSeconds: 30, logger });
    logs.length = 0;
    await browse.set("k", 1);
    expect(await createCacheApiBrowseCache({ cache: broken, ttlSeconds: 30, logger }).get("k")).toBeUndefined();
    expect(logs.map((l) => JSON.parse(l).message)).toEqual([
      "browse cache write failed (not cached)",
      "browse cache read failed (a miss)",
    ]);
  });
});

describe("R2 layer cache", () => {
  const bucket = env.TEST_LAYERS as R2BucketBinding;
  const diffId = `sha256:${"ab".repeat(32)}`;
  const layer = () => {
    const files = emptyLayerFiles(diffId);
    files.files.set("var/lib/dpkg/status", new TextEncoder().encode("Package: zlib1g\n"));
    files.symlinks.set("etc/os-release", "../usr/lib/os-release");
    files.size = 4096;
    return files;
  };

  it("keeps a walked layer by diffID and selector fingerprint", async () => {
    const r2 = createR2LayerCache({ bucket, logger });
    await r2.put(layer(), "fp-1");
    const back = await r2.get(diffId, "fp-1");
    expect(back?.diffId).toBe(diffId);
    expect(new TextDecoder().decode(back?.files.get("var/lib/dpkg/status"))).toBe("Package: zlib1g\n");
    expect([...(back?.symlinks ?? [])]).toEqual([["etc/os-release", "../usr/lib/os-release"]]);
    expect(await r2.get(diffId, "fp-2")).toBeUndefined();
  });

  it("misses on a damaged entry and never writes one over its size limit", async () => {
    await bucket.put(`layers/fp-damaged/${encodeURIComponent(diffId)}`, new TextEncoder().encode("RSLF1\ngarbage"));
    expect(await createR2LayerCache({ bucket, logger }).get(diffId, "fp-damaged")).toBeUndefined();
    const small = createR2LayerCache({ bucket, logger, maxEntryBytes: 64 });
    await small.put(layer(), "fp-small");
    expect(await bucket.head(`layers/fp-small/${encodeURIComponent(diffId)}`)).toBeNull();
  });

  it("treats a failing bucket as a miss", async () => {
    const broken: R2BucketBinding = {
      head: async () => {
        throw new Error("R2 unavailable");
      },
      get: async () => null,
      put: async () => {
        throw new Error("R2 unavailable");
      },
    };
    const r2 = createR2LayerCache({ bucket: broken, logger });
    await r2.put(layer(), "fp");
    expect(await r2.get(diffId, "fp")).toBeUndefined();
  });
});

describe("rate limit on the rate-limiting binding", () => {
  it("lets a token's budget through, then answers 429 rate_limited; other tokens are counted apart", async () => {
    const limiter = createBindingRateLimiter(env.TEST_RATE_LIMITER as RateLimitBinding, {
      periodSeconds: 60,
      limit: 3,
    });
    const app = new OpenAPIHono<AuthEnv>();
    app.use("*", async (c, next) => {
      c.set("principal", {
        id: c.req.header("x-token") ?? "",
        name: "t",
        instanceAdmin: false,
        grants: [],
      } as Principal);
      await next();
    });
    app.use("*", rateLimit({ limiter, clientAddress: () => undefined }));
    app.get("/", (c) => c.json({ ok: true }));
    app.onError((error) => problemResponse(problemFor(toDomainError(error))));
    const token = crypto.randomUUID();
    const get = (t: string) => app.request("/", { headers: { "x-token": t } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await get(token);
    expect(await refused.json()).toMatchObject({ code: "rate_limited", status: 429 });
    expect(refused.headers.get("retry-after")).toBe("60");
    const other = await get(crypto.randomUUID());
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-policy")).toBe("3;w=60");
  });
});

describe("Queue job queue", () => {
  it("sends only the scan id, with the retry delay clamped to what Queues accept", async () => {
    const sent: Array<{ body: unknown; options?: { delaySeconds?: number } }> = [];
    const queue = createQueueJobQueue({
      send: async (body, options) => void sent.push({ body, ...(options ? { options } : {}) }),
    });
    await queue.enqueue("scan-1");
    await queue.enqueue("scan-2", { delaySeconds: 4.2 });
    await queue.enqueue("scan-3", { delaySeconds: 10 ** 9 });
    expect(sent).toEqual([
      { body: { scanId: "scan-1" } },
      { body: { scanId: "scan-2" }, options: { delaySeconds: 5 } },
      { body: { scanId: "scan-3" }, options: { delaySeconds: MAX_QUEUE_DELAY_SECONDS } },
    ]);
    expect([scanIdOf({ scanId: "a" }), scanIdOf("a"), scanIdOf({ scanId: 1 }), scanIdOf(null)]).toEqual([
      "a",
      null,
      null,
      null,
    ]);
  });
});
