import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpTestServer, startHttpTestServer, writeSlowly } from "../sources/test-support/http-test-server.js";
import { parseDuration } from "./parse-duration.js";
import { runRegscan } from "./test-support/run-regscan.js";

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["1.5s", 1500],
    ["2m", 120_000],
    ["1h", 3_600_000],
    [" 24h ", 86_400_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text, "--timeout")).toBe(ms);
  });

  it.each([["30"], ["0s"], ["-1s"], ["25h"], ["1d"], ["s"], ["1e3s"], [""]])("refuses %j", (text) => {
    expect(() => parseDuration(text, "--timeout")).toThrow(/^--timeout must be a duration with a unit/);
  });
});

describe("regscan --timeout against a registry that stalls", () => {
  let tmp = "";
  const servers: HttpTestServer[] = [];
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "regscan-timeout-"));
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await rm(tmp, { recursive: true, force: true });
  });
  const serve = async (handler: Parameters<typeof startHttpTestServer>[0]) => {
    const s = await startHttpTestServer(handler);
    servers.push(s);
    return s;
  };
  const sbom = (host: string, timeout: string[]) =>
    runRegscan(["sbom", "--insecure", "-q", "--no-cache", ...timeout, `${host}/test/image:latest`], tmp);

  it("a registry that never sends its headers ends with exit 3 naming it", async () => {
    const silent = await serve(() => undefined);
    const run = await sbom(silent.host, ["--timeout", "1s"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `regscan: Registry ${silent.host} (ping) did not answer within 1 s (${silent.host}); check the network, or allow more time (regscan: --timeout). [upstream_unavailable]\n`,
    );
    expect(run.ms).toBeLessThan(20_000);
  }, 60_000);

  it("a registry that trickles its manifest (one byte every 300 ms) ends with exit 3 naming it", async () => {
    const trickle = await serve(async (req, res) => {
      if (req.url === "/v2/") return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
      res.writeHead(200, { "content-type": "application/vnd.oci.image.manifest.v1+json" });
      await writeSlowly(res, new Uint8Array(10_000).fill(0x20), { chunk: 1, everyMs: 300 });
    });
    const run = await sbom(trickle.host, ["--timeout", "1s"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      new RegExp(
        `^regscan: Registry ${trickle.host.replace(/\./g, "\\.")} \\(manifest\\) stalled: .* \\[upstream_unavailable\\]\\n$`,
      ),
    );
    expect(run.ms).toBeLessThan(20_000);
  }, 60_000);

  it("a malformed --timeout is a usage error", async () => {
    const run = await sbom("127.0.0.1:1", ["--timeout", "30"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--timeout must be a duration with a unit/);
  }, 60_000);
});
