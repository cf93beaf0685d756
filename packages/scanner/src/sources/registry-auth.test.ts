import { afterEach, describe, expect, it } from "vitest";
import {
  type RegistryFront,
  type RegistryFrontOptions,
  startRegistryFront,
} from "../../test/support/registry-front.js";
import { drain, domainFailure as failure } from "../../test/support/streams.js";
import { SKIP_REASON, testImages, testRegistry } from "../../test/support/test-images.js";
import type { ImageSource } from "./image-source.js";
import { MediaTypes } from "./media-types.js";
import { nodeSha256 } from "./node/node-sha256.js";
import { createRegistrySource, type RegistrySourceOptions } from "./registry-source.js";
import { type HttpTestServer, startHttpTestServer } from "./test-support/http-test-server.js";

const registry = testRegistry();
const images = testImages();
const USER = { username: "nologin", password: "front-secret-4711" };

describe.skipIf(!registry || !images)(
  `registry auth, redirects and integrity through a test front ${SKIP_REASON}`,
  () => {
    let front: RegistryFront | undefined;
    afterEach(async () => {
      await front?.close();
      front = undefined;
    });
    const start = async (o: Omit<RegistryFrontOptions, "upstream">) =>
      (front = await startRegistryFront({ upstream: registry!, ...o }));
    const source = (f: RegistryFront, ref: string, o: Partial<RegistrySourceOptions> = {}) =>
      createRegistrySource({
        ref: `docker://${f.host}/regscan/${ref}`,
        insecure: true,
        credentials: USER,
        sha256: nodeSha256,
        retryDelayMs: 0,
        ...o,
      });
    const smallestLayer = async (s: ImageSource) => {
      const { layers } = await s.resolve();
      return [...layers].sort((a, b) => a.size - b.size)[0]!;
    };

    it.each([
      ["token", USER.username],
      ["access_token", USER.username],
      ["token", undefined],
    ] as const)("Bearer: gets a token (%s field, user %s) and pulls with it", async (tokenField, username) => {
      const f = await start({ auth: { scheme: "bearer", tokenField, ...(username ? USER : {}) } });
      const s = source(f, "app:latest", username ? {} : { credentials: undefined });
      const resolved = await s.resolve();
      expect(resolved.manifestDigest).toBe(images!.describe("app").manifestDigest);
      const layer = await smallestLayer(s);
      expect(await drain(await s.openBlob(layer))).toBe(layer.size);
      const token = f.requests.filter((r) => r.path === "/token");
      expect(token.length).toBeGreaterThan(0);
      expect(token.every((r) => r.authorization === (username ? "basic" : undefined))).toBe(true);
      expect(f.requests.filter((r) => r.path.includes("/manifests/")).every((r) => r.authorization === "bearer")).toBe(
        true,
      );
    });

    it("Bearer: wrong password is credential_invalid, without the password in the message", async () => {
      const f = await start({ auth: { scheme: "bearer", ...USER } });
      const error = await failure(
        source(f, "base:latest", { credentials: { username: "nologin", password: "nope-123" } }).resolve(),
      );
      expect(error.code).toBe("credential_invalid");
      expect(error.message).not.toContain("nope-123");
    });

    it("Bearer: credentials are not sent to a token realm on another host unless trusted", async () => {
      const f = await start({ auth: { scheme: "bearer", ...USER, realmHostname: "localhost" } });
      const error = await failure(source(f, "base:latest").resolve());
      expect(error).toMatchObject({
        code: "credential_invalid",
        message: expect.stringContaining("on another origin"),
      });
      expect(f.requests.filter((r) => r.path === "/token").map((r) => r.authorization)).toEqual([undefined]);
      const trusted = await source(f, "base:latest", { tokenRealmHosts: ["localhost"] }).resolve();
      expect(trusted.manifestDigest).toBe(images!.describe("base").manifestDigest);
    });

    it("Basic: a blob redirect to another host is followed without Authorization", async () => {
      const f = await start({ auth: { scheme: "basic", ...USER }, blobs: { redirectHostname: "localhost" } });
      const s = source(f, "app:latest");
      await s.resolve();
      const layer = await smallestLayer(s);
      expect(await drain(await s.openBlob(layer))).toBe(layer.size);
      const storage = f.requests.filter((r) => r.path.startsWith("/storage/"));
      expect(storage.length).toBeGreaterThan(0);
      expect(storage.every((r) => r.host.startsWith("localhost:") && r.authorization === undefined)).toBe(true);
      const v2 = f.requests.filter((r) => r.path.startsWith("/v2/regscan/"));
      expect(v2.every((r) => r.authorization === "basic")).toBe(true);
    });

    it("a corrupt layer fails the stream with scan_failed", async () => {
      const clean = await start({ auth: { scheme: "basic", ...USER } });
      const layer = await smallestLayer(source(clean, "app:latest"));
      const corrupt = await startRegistryFront({
        upstream: registry!,
        auth: { scheme: "basic", ...USER },
        blobs: "corrupt",
      });
      try {
        const stream = await source(corrupt, "app:latest").openBlob(layer);
        const error = await failure(drain(stream));
        expect(error.code).toBe("scan_failed");
        expect(error.message).toContain(`Layer ${layer.digest}`);
        expect(await failure(source(corrupt, "app:latest").resolve())).toMatchObject({ code: "scan_failed" });
      } finally {
        await corrupt.close();
      }
    });

    it("a connection that breaks during a layer download is upstream_unavailable", async () => {
      const f = await start({ auth: { scheme: "basic", ...USER }, blobs: "drop" });
      const clean = createRegistrySource({
        ref: `docker://${registry!.host}/regscan/app:latest`,
        insecure: true,
        credentials: { username: registry!.username, password: registry!.password },
      });
      const { layers } = await clean.resolve();
      const biggest = [...layers].sort((a, b) => b.size - a.size)[0]!;
      const error = await failure(drain(await source(f, "app:latest").openBlob(biggest)));
      expect(error).toMatchObject({
        code: "upstream_unavailable",
        message: expect.stringContaining("broke off"),
        // What a scan that gives up names as the layer that kept breaking.
        details: { digest: biggest.digest },
      });
    });

    it("a schema 1 manifest is image_unsupported", async () => {
      const f = await start({
        auth: { scheme: "basic", ...USER },
        manifests: {
          "regscan/base:schema1": { contentType: MediaTypes.dockerSchema1Signed, body: images!.schema1Manifest() },
        },
      });
      const error = await failure(source(f, "base:schema1").resolve());
      expect(error.code).toBe("image_unsupported");
      expect(error.message).toContain("schema 1");
    });
  },
);

describe("credentials go to token realms per origin (scheme, host and port)", () => {
  const SECRET = { username: "nologin", password: "origin-secret-0815" };
  const servers: HttpTestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  /** A token service that hands out a token to anyone, and a registry whose challenge points at it. */
  async function registryWithRealm(realmFor: (tokenPort: number) => string) {
    const tokens = await startHttpTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"token":"t0k"}');
    });
    const realm = realmFor(tokens.port);
    const registry = await startHttpTestServer((req, res) => {
      if (req.headers.authorization !== "Bearer t0k") {
        return void res.writeHead(401, { "www-authenticate": `Bearer realm="${realm}",service="x"` }).end();
      }
      const notFound = '{"errors":[{"code":"NAME_UNKNOWN"}]}';
      res.writeHead(404, { "content-type": "application/json" }).end(notFound);
    });
    servers.push(tokens, registry);
    return { tokens, registry };
  }

  it.each([
    ["the same host name on another port", (port: number) => `http://127.0.0.1:${port}/token`, ["unused.example"]],
    ["a trusted host:port that is not this one", (port: number) => `http://127.0.0.1:${port}/token`, ["127.0.0.1:1"]],
  ])("a realm on %s gets an anonymous request", async (_name, realmFor, trusted) => {
    const { tokens, registry } = await registryWithRealm(realmFor);
    const source = createRegistrySource({
      ref: `docker://${registry.host}/ns/app:1`,
      insecure: true,
      credentials: SECRET,
      tokenRealmHosts: trusted,
      retryDelayMs: 0,
    });
    const error = await failure(source.resolve());
    expect(error.code).toBe("image_not_found"); // the anonymous token worked; nothing leaked on the way
    expect(tokens.requests.length).toBeGreaterThan(0);
    expect(tokens.requests.map((r) => r.authorization)).toEqual(tokens.requests.map(() => undefined));
    expect(JSON.stringify([...tokens.requests, ...registry.requests])).not.toContain(
      btoa(`nologin:${SECRET.password}`),
    );
  });

  it("a realm on the same host and port, or one the caller trusts by host:port, gets the credentials", async () => {
    const { tokens, registry } = await registryWithRealm((port) => `http://127.0.0.1:${port}/token`);
    const source = createRegistrySource({
      ref: `docker://${registry.host}/ns/app:1`,
      insecure: true,
      credentials: SECRET,
      tokenRealmHosts: [tokens.host],
      retryDelayMs: 0,
    });
    expect((await failure(source.resolve())).code).toBe("image_not_found");
    expect(tokens.requests[0]?.authorization).toBe(`Basic ${btoa(`nologin:${SECRET.password}`)}`);
  });

  it("userinfo in a realm URL is dropped, and never echoed", async () => {
    const { tokens, registry } = await registryWithRealm((port) => `http://evil:pa55word@127.0.0.1:${port}/token`);
    const source = createRegistrySource({ ref: `docker://${registry.host}/ns/app:1`, insecure: true, retryDelayMs: 0 });
    const error = await failure(source.resolve());
    expect(error.code).toBe("image_not_found");
    expect(tokens.requests[0]?.authorization).toBeUndefined();
    expect(error.message).not.toContain("pa55word");
  });
});
