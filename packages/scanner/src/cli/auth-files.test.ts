import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImageReference, type RegistryReference } from "../sources/image-reference.js";
import { layerFixture } from "../walk/test-support/memory-image-source.js";
import { authFilePaths, lookUpAuthFiles, MAX_AUTH_FILE_BYTES } from "./auth-files.js";
import { cliEnv } from "./cli-env.js";
import { type FixtureRegistry, startFixtureRegistry } from "./test-support/fixture-registry.js";
import { basicAuth, type RecordingRegistry, startRecordingRegistry } from "./test-support/recording-registry.js";
import { runRegscan } from "./test-support/run-regscan.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const docker = (ref: string) => parseImageReference(ref) as RegistryReference;
let tmp = "";
let n = 0;
/** Writes `content` (JSON unless a string) to a fresh file and returns its path. */
async function file(content: unknown, name = "auth.json"): Promise<string> {
  const path = join(tmp, `f${n++}`, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "regscan-authfiles-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("authFilePaths (the order containers/image searches)", () => {
  it.each([
    [
      "the defaults",
      { HOME: "/h" },
      ["/run/containers/1000/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json"],
    ],
    [
      "XDG and DOCKER_CONFIG",
      { HOME: "/h", XDG_RUNTIME_DIR: "/run/user/1000", XDG_CONFIG_HOME: "/cfg", DOCKER_CONFIG: "/dk" },
      ["/run/user/1000/containers/auth.json", "/cfg/containers/auth.json", "/dk/config.json"],
    ],
    [
      "REGISTRY_AUTH_FILE, which replaces them all",
      { HOME: "/h", REGISTRY_AUTH_FILE: "/x/auth.json" },
      ["/x/auth.json"],
    ],
  ])("%s", (_name, env, paths) => {
    expect(authFilePaths(cliEnv(env), 1000)).toEqual(paths);
  });
});

describe("lookUpAuthFiles", () => {
  const alice = { username: "alice", password: "pw:with:colons" };
  it.each([
    [
      "Docker Hub under Docker's key",
      "alpine",
      { auths: { "https://index.docker.io/v1/": { auth: b64("alice:pw:with:colons") } } },
    ],
    [
      "Docker Hub under docker.io",
      "docker.io/library/alpine",
      { auths: { "docker.io": { auth: b64("alice:pw:with:colons") } } },
    ],
    ["a host:port key", "127.0.0.1:5000/a/b", { auths: { "127.0.0.1:5000": { auth: b64("alice:pw:with:colons") } } }],
    [
      "a key written as a URL",
      "ghcr.io/o/r",
      { auths: { "https://ghcr.io/v2/": { auth: b64("alice:pw:with:colons") } } },
    ],
    ["username and password fields", "ghcr.io/o/r", { auths: { "ghcr.io": alice } }],
    [
      "the most specific namespace key first",
      "quay.io/team/app/api",
      {
        auths: {
          "quay.io": { auth: b64("bob:x") },
          "quay.io/team/app": { auth: b64("alice:pw:with:colons") },
          "quay.io/team": { auth: b64("carol:y") },
        },
      },
    ],
    ["a password padded with NULs", "ghcr.io/o/r", { auths: { "ghcr.io": { auth: b64("alice:pw:with:colons\0\0") } } }],
  ])("finds %s", async (_name, ref, content) => {
    const result = await lookUpAuthFiles(docker(ref), [await file(content)]);
    expect(result).toMatchObject({ found: true, credentials: alice });
  });

  it.each([
    ["another host", "ghcr.io/o/r", { auths: { "quay.io": { auth: b64("a:b") } } }],
    ["another port", "127.0.0.1:5001/a", { auths: { "127.0.0.1:5000": { auth: b64("a:b") } } }],
    ["a namespace key of another repository", "quay.io/other/app", { auths: { "quay.io/team": { auth: b64("a:b") } } }],
    ["an empty entry (a credential helper's marker)", "ghcr.io/o/r", { auths: { "ghcr.io": {} } }],
    ["no auths at all", "ghcr.io/o/r", { experimental: "enabled" }],
  ])("finds nothing for %s", async (_name, ref, content) => {
    expect(await lookUpAuthFiles(docker(ref), [await file(content)])).toEqual({ found: false, notes: [] });
  });

  it("takes the first file that has an entry, and skips missing files", async () => {
    const first = await file({ auths: { "ghcr.io": { auth: b64("alice:pw:with:colons") } } });
    const second = await file({ auths: { "ghcr.io": { auth: b64("bob:other") } } });
    const result = await lookUpAuthFiles(docker("ghcr.io/o/r"), [join(tmp, "missing.json"), first, second]);
    expect(result).toEqual({ found: true, credentials: alice, file: first });
  });

  it.each([
    [
      "a credHelpers entry",
      { credHelpers: { "ghcr.io": "pass" } },
      "names a credential helper (docker-credential-pass) for ghcr.io, which regscan does not run; use --creds",
    ],
    [
      "credsStore",
      { auths: { "ghcr.io": {} }, credsStore: "desktop" },
      "keeps credentials in a credential helper (docker-credential-desktop), which regscan does not run; use --creds",
    ],
    [
      "an identity token",
      { auths: { "ghcr.io": { identitytoken: "tok" } } },
      "holds an identity token for ghcr.io, which regscan does not use; use --creds",
    ],
  ])("reports %s instead of ignoring it, then looks further", async (_name, content, note) => {
    const helper = await file(content);
    const inline = await file({ auths: { "ghcr.io": { auth: b64("alice:pw:with:colons") } } });
    expect(await lookUpAuthFiles(docker("ghcr.io/o/r"), [helper])).toEqual({
      found: false,
      notes: [`${helper} ${note}`],
    });
    expect(await lookUpAuthFiles(docker("ghcr.io/o/r"), [helper, inline])).toMatchObject({ found: true, file: inline });
  });

  it.each([
    ["malformed JSON", '{"auths": {', /is not valid JSON \(.*\); fix it, or use --creds\.$/],
    [
      "JSON of the wrong shape",
      { auths: { "ghcr.io": { auth: 42 } } },
      /is not a registry auth file \(at auths\.ghcr\.io\.auth\)/,
    ],
    ["a top level that is not an object", [{ auths: {} }], /is not a registry auth file \(at the top level\)/],
    ["auths that is a list", { auths: [] }, /\(at auths\)/],
    ["an entry that is not an object", { auths: { "ghcr.io": "alice:pw" } }, /\(at auths\.ghcr\.io\)/],
    ["a credential helper that is not a name", { credHelpers: { "ghcr.io": 1 } }, /\(at credHelpers\.ghcr\.io\)/],
    ["a credsStore that is not a name", { credsStore: true }, /\(at credsStore\)/],
    [
      "a key that would garble the terminal",
      { auths: { "ghcr.io\u001b[2J": { password: 1 } } },
      /\(at auths\.ghcr\.io\?\?2J\.password\)/,
    ],
    ["an auth value that is not base64", { auths: { "ghcr.io": { auth: "%%%" } } }, /"ghcr\.io" in .* not base64/],
    [
      "an auth value without a colon",
      { auths: { "ghcr.io": { auth: b64("justuser") } } },
      /not base64 of user:password/,
    ],
    ["a file over the size limit", `{"x":"${"a".repeat(MAX_AUTH_FILE_BYTES)}"}`, /is larger than 1048576 bytes/],
  ])("%s is validation_failed naming the file, never its secrets", async (_name, content, message) => {
    const path = await file(content);
    const error = await lookUpAuthFiles(docker("ghcr.io/o/r"), [path]).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(error?.code).toBe("validation_failed");
    expect(error?.message).toContain(path);
    expect(error?.message).toMatch(message);
  });

  it("refuses a FIFO instead of blocking on it", async () => {
    const fifo = join(tmp, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    await expect(lookUpAuthFiles(docker("ghcr.io/o/r"), [fifo])).rejects.toThrow(/is not a regular file/);
  });
});

describe("regscan reads Docker's config.json and containers auth.json", () => {
  const USER = { username: "robot", password: "file-secret-77" };
  let fixture: FixtureRegistry;
  let registry: RecordingRegistry;
  beforeAll(async () => {
    fixture = await startFixtureRegistry([{ blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") }]);
    registry = await startRecordingRegistry(fixture, { require: USER });
  });
  afterAll(async () => {
    await registry.close();
    await fixture.close();
  });
  const entry = (password = USER.password) => ({
    auths: { [registry.host]: { auth: b64(`${USER.username}:${password}`) } },
  });
  const sbom = (home: string, env: Record<string, string> = {}) =>
    runRegscan(
      ["sbom", "--insecure", "-q", "--no-cache", "-f", "json", `${registry.host}/test/image:latest`],
      home,
      env,
    );
  const home = async (files: Record<string, unknown>) => {
    const dir = join(tmp, `home${n++}`);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), typeof content === "string" ? content : JSON.stringify(content));
    }
    return dir;
  };

  it.each([
    ["~/.docker/config.json", { ".docker/config.json": true }, {}],
    ["$DOCKER_CONFIG/config.json", { "dk/config.json": true }, { DOCKER_CONFIG: "dk" }],
    ["$XDG_RUNTIME_DIR/containers/auth.json", { "run/containers/auth.json": true }, {}],
    ["~/.config/containers/auth.json", { ".config/containers/auth.json": true }, {}],
    ["REGISTRY_AUTH_FILE", { "a/auth.json": true }, { REGISTRY_AUTH_FILE: "a/auth.json" }],
  ])(
    "pulls with the credentials stored in %s",
    async (_name, files, env) => {
      const dir = await home(Object.fromEntries(Object.keys(files).map((path) => [path, entry()])));
      const absolute = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, join(dir, v)]));
      const run = await sbom(dir, absolute);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(registry.authorizations()).toContain(basicAuth(USER.username, USER.password));
    },
    60_000,
  );

  it("auth.json comes before Docker's config.json (containers/image order)", async () => {
    const dir = await home({ "run/containers/auth.json": entry(), ".docker/config.json": entry("stale-password") });
    expect((await sbom(dir)).code).toBe(0);
  }, 60_000);

  it("REGISTRY_AUTH_FILE replaces the other files", async () => {
    const dir = await home({ "a/auth.json": { auths: {} }, ".docker/config.json": entry() });
    const run = await sbom(dir, { REGISTRY_AUTH_FILE: join(dir, "a/auth.json") });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\[credential_invalid\]\n$/);
  }, 60_000);

  it("a credential helper is reported (not silently ignored), and the pull is anonymous", async () => {
    const dir = await home({ ".docker/config.json": { auths: { [registry.host]: {} }, credsStore: "secretservice" } });
    const run = await sbom(dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `regscan: pulling from ${registry.host} anonymously: ${join(dir, ".docker/config.json")} keeps credentials in a credential helper (docker-credential-secretservice), which regscan does not run; use --creds.\n`,
    );
  }, 60_000);

  it("a malformed config.json is a usage error naming the file", async () => {
    const dir = await home({ ".docker/config.json": '{"auths": {"x": ' });
    const run = await sbom(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^regscan: .*\.docker\/config\.json is not valid JSON .*\[validation_failed\]\n$/);
  }, 60_000);

  it("--creds wins over the files, and a wrong password is never echoed", async () => {
    const dir = await home({ ".docker/config.json": entry() });
    const run = await runRegscan(
      ["sbom", "--insecure", "-q", "--creds", "robot:wrong-pw-31", `${registry.host}/test/image:latest`],
      dir,
    );
    expect(run.code).toBe(3);
    expect(run.stderr + run.stdout).not.toContain("wrong-pw-31");
  }, 60_000);
});
