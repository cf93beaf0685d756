import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImageReference, type RegistryReference } from "../sources/image-reference.js";
import { layerFixture } from "../walk/test-support/memory-image-source.js";
import { cliEnv } from "./cli-env.js";
import { chooseRegistryCredentials, envCredentialsMayGoTo, parseCreds } from "./registry-credentials.js";
import { type FixtureRegistry, startFixtureRegistry } from "./test-support/fixture-registry.js";
import { basicAuth, type RecordingRegistry, startRecordingRegistry } from "./test-support/recording-registry.js";
import { runRegscan } from "./test-support/run-regscan.js";

const SECRET = "scw-secret-key-4f1c9e";
const ENV_CREDS = { REGSCAN_REGISTRY_USERNAME: "nologin", REGSCAN_REGISTRY_PASSWORD: SECRET };
const docker = (ref: string) => parseImageReference(ref) as RegistryReference;

describe("envCredentialsMayGoTo", () => {
  it.each([
    ["a Scaleway registry", "rg.fr-par.scw.cloud", false, {}, true],
    ["a Scaleway registry in another region", "rg.pl-waw.scw.cloud", false, {}, true],
    ["a Scaleway registry on 443", "rg.nl-ams.scw.cloud:443", false, {}, true],
    ["a Scaleway registry over plain http", "rg.fr-par.scw.cloud", true, {}, false],
    ["a Scaleway registry on another port", "rg.fr-par.scw.cloud:5000", false, {}, false],
    ["a look-alike of a Scaleway host", "rg.fr-par.scw.cloud.evil.example", false, {}, false],
    ["Docker Hub", "docker.io", false, {}, false],
    [
      "Docker Hub when listed as index.docker.io",
      "docker.io",
      false,
      { REGSCAN_REGISTRY_HOSTS: "index.docker.io" },
      true,
    ],
    ["a listed host, any port", "127.0.0.1:5000", true, { REGSCAN_REGISTRY_HOSTS: "ghcr.io, 127.0.0.1" }, true],
    ["a listed host:port", "127.0.0.1:5000", true, { REGSCAN_REGISTRY_HOSTS: "127.0.0.1:5000" }, true],
    ["a listed host:port, another port", "127.0.0.1:5001", true, { REGSCAN_REGISTRY_HOSTS: "127.0.0.1:5000" }, false],
    [
      "a listed host:443 for a reference without port",
      "ghcr.io",
      false,
      { REGSCAN_REGISTRY_HOSTS: "ghcr.io:443" },
      true,
    ],
    [
      "a listed host, case-insensitively",
      "Registry.Example",
      false,
      { REGSCAN_REGISTRY_HOSTS: "registry.EXAMPLE" },
      true,
    ],
    ["a listed IPv6 host", "[::1]:5000", true, { REGSCAN_REGISTRY_HOSTS: "[::1]" }, true],
    ["a host that only ends like a listed one", "evilghcr.io", false, { REGSCAN_REGISTRY_HOSTS: "ghcr.io" }, false],
    ["a subdomain of a listed host", "a.ghcr.io", false, { REGSCAN_REGISTRY_HOSTS: "ghcr.io" }, false],
  ])("%s: %s", (_name, registry, insecure, env, allowed) => {
    expect(envCredentialsMayGoTo(registry, insecure, cliEnv(env))).toBe(allowed);
  });

  it.each([["not a host"], ["host:99999"], ["https://ghcr.io"], ["ghcr.io/ns"]])(
    "REGSCAN_REGISTRY_HOSTS=%j is validation_failed naming the variable",
    (hosts) => {
      expect(() => cliEnv({ REGSCAN_REGISTRY_HOSTS: hosts })).toThrow(/^Invalid environment: REGSCAN_REGISTRY_HOSTS: /);
    },
  );
});

describe("chooseRegistryCredentials", () => {
  const none: string[] = [];
  it.each([
    ["--creds, to any registry", "ghcr.io/o/r", { creds: "u:p:w" }, ENV_CREDS, { username: "u", password: "p:w" }],
    [
      "--creds over the environment",
      "rg.fr-par.scw.cloud/ns/a",
      { creds: "u:p" },
      ENV_CREDS,
      { username: "u", password: "p" },
    ],
    [
      "the environment, for Scaleway",
      "rg.fr-par.scw.cloud/ns/a",
      {},
      ENV_CREDS,
      { username: "nologin", password: SECRET },
    ],
    ["nothing for Docker Hub", "alpine", {}, ENV_CREDS, undefined],
    ["nothing without a password", "rg.fr-par.scw.cloud/ns/a", {}, { REGSCAN_REGISTRY_USERNAME: "x" }, undefined],
  ])("%s", async (_name, ref, flags, env, expected) => {
    const choice = await chooseRegistryCredentials(docker(ref), { insecure: false, ...flags }, cliEnv(env), none);
    expect(choice.credentials).toEqual(expected);
  });

  it("says why the environment's credentials stay home, without the secret", async () => {
    const choice = await chooseRegistryCredentials(docker("alpine"), { insecure: false }, cliEnv(ENV_CREDS), none);
    expect(choice.notice).toBe(
      "pulling from docker.io anonymously: REGSCAN_REGISTRY_USERNAME/PASSWORD are sent only to Scaleway registries (rg.<region>.scw.cloud, over https) and to hosts listed in REGSCAN_REGISTRY_HOSTS, not to docker.io.",
    );
    expect(choice.notice).not.toContain(SECRET);
  });

  it("is silent when nothing was at hand", async () => {
    expect(await chooseRegistryCredentials(docker("alpine"), { insecure: false }, cliEnv({}), none)).toEqual({});
  });

  it.each([["nopassword"], [":secret"]])("rejects --creds %s without echoing it", (creds) => {
    expect(() => parseCreds(creds)).toThrow(/^--creds must be user:password/);
    expect(() => parseCreds(creds)).not.toThrow(/secret/);
  });
});

describe("regscan sends environment credentials only to the hosts they are bound to", () => {
  let tmp = "";
  let fixture: FixtureRegistry;
  const fronts: RecordingRegistry[] = [];
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "regscan-creds-"));
    fixture = await startFixtureRegistry([{ blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") }]);
  });
  afterAll(async () => {
    for (const f of fronts) await f.close();
    await fixture.close();
    await rm(tmp, { recursive: true, force: true });
  });
  const front = async (o: Parameters<typeof startRecordingRegistry>[1] = {}) => {
    const f = await startRecordingRegistry(fixture, o);
    fronts.push(f);
    return f;
  };
  const sbom = (host: string, env: Record<string, string>, extra: string[] = []) =>
    runRegscan(
      ["sbom", "--insecure", "-q", "--no-cache", "-f", "json", ...extra, `${host}/test/image:latest`],
      tmp,
      env,
    );

  it("an other registry never sees REGSCAN_REGISTRY_PASSWORD: the pull is anonymous, and says why", async () => {
    const other = await front();
    const run = await sbom(other.host, ENV_CREDS);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).packages.length).toBeGreaterThan(0);
    expect(run.stderr).toBe(
      `regscan: pulling from ${other.host} anonymously: REGSCAN_REGISTRY_USERNAME/PASSWORD are sent only to Scaleway registries (rg.<region>.scw.cloud, over https) and to hosts listed in REGSCAN_REGISTRY_HOSTS, not to ${other.host}.\n`,
    );
    expect(other.authorizations().length).toBeGreaterThan(2);
    expect(other.authorizations().every((a) => a === undefined)).toBe(true);
  }, 60_000);

  it("a host:port in REGSCAN_REGISTRY_HOSTS does not cover another port", async () => {
    const other = await front();
    const run = await sbom(other.host, { ...ENV_CREDS, REGSCAN_REGISTRY_HOSTS: "127.0.0.1:1" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("anonymously");
    expect(other.authorizations().every((a) => a === undefined)).toBe(true);
  }, 60_000);

  it.each([["127.0.0.1"], ["localhost, 127.0.0.1"]])(
    "REGSCAN_REGISTRY_HOSTS=%s (a bare host covers every port) binds them to this registry",
    async (hosts) => {
      const mine = await front({ require: { username: "nologin", password: SECRET } });
      const run = await sbom(mine.host, { ...ENV_CREDS, REGSCAN_REGISTRY_HOSTS: hosts });
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(mine.authorizations()).toContain(basicAuth("nologin", SECRET));
    },
    60_000,
  );

  it("--creds is the explicit override, for the registry the reference names", async () => {
    const mine = await front({ require: { username: "ci", password: "explicit-pw" } });
    const run = await sbom(mine.host, ENV_CREDS, ["--creds", "ci:explicit-pw"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(mine.authorizations()).toContain(basicAuth("ci", "explicit-pw"));
    expect(mine.authorizations()).not.toContain(basicAuth("nologin", SECRET));
  }, 60_000);

  it("a registry that needs them fails with credential_invalid, never echoing the secret", async () => {
    const locked = await front({ require: { username: "nologin", password: SECRET } });
    const run = await sbom(locked.host, ENV_CREDS);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/anonymously: [^\n]*\n[^\n]*\[credential_invalid\]\n$/);
    expect(run.stderr + run.stdout).not.toContain(SECRET);
    expect(locked.authorizations().every((a) => a === undefined)).toBe(true);
  }, 60_000);

  it("a malformed REGSCAN_REGISTRY_HOSTS is a usage error (exit 2)", async () => {
    const run = await sbom("127.0.0.1:1", { ...ENV_CREDS, REGSCAN_REGISTRY_HOSTS: "127.0.0.1:99999" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^regscan: Invalid environment: REGSCAN_REGISTRY_HOSTS: "127.0.0.1:99999" is not host or host:port\. \[validation_failed\]\n$/,
    );
  }, 60_000);
});
