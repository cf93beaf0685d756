import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, issueToken, SECRET_A, SECRET_B } from "./support/fixtures.js";
import { BOOTSTRAP_TOKEN, expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

const PUBLIC_FIELDS = [
  "createdAt",
  "createdBy",
  "description",
  "id",
  "lastVerifiedAt",
  "namespace",
  "orgId",
  "provider",
  "region",
  "scalewayProjectId",
  "status",
  "updatedAt",
].sort();

describe("credential vault over HTTP on a real libSQL file", () => {
  let api: TestApi;
  let orgId: string;
  let projectId: string;

  beforeAll(async () => {
    api = await startApi();
    ({ orgId, projectId } = await defaultOrg(api));
  });
  afterAll(async () => {
    expectNoLeak(api, [SECRET_A, SECRET_B]);
    await api.cleanup();
  });

  it("creates, lists, reads, rotates and deletes a credential without ever returning the secret", async () => {
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, { body: credentialBody() });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(PUBLIC_FIELDS);
    expect(created.body).toMatchObject({
      orgId,
      provider: "scaleway",
      region: "fr-par",
      namespace: "my-namespace",
      status: "unverified",
      lastVerifiedAt: null,
    });
    const id = created.body.id;

    const orgList = await api.request("GET", `/v1/orgs/${orgId}/credentials`);
    expect(orgList.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const projectList = await api.request("GET", `/v1/projects/${projectId}/credentials`);
    expect(projectList.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const one = await api.request("GET", `/v1/projects/${projectId}/credentials/${id}`);
    expect(Object.keys(one.body).sort()).toEqual(PUBLIC_FIELDS);

    const rotated = await api.request("PUT", `/v1/orgs/${orgId}/credentials/${id}/secret?verify=false`, {
      body: { secretKey: SECRET_B },
    });
    expect(rotated.status).toBe(200);
    expect(new Date(rotated.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(created.body.updatedAt).getTime(),
    );

    const deleted = await api.request("DELETE", `/v1/orgs/${orgId}/credentials/${id}`);
    expect(deleted.status).toBe(204);
    expect((await api.request("GET", `/v1/orgs/${orgId}/credentials/${id}`)).status).toBe(404);

    const audit = await api.request("GET", `/v1/orgs/${orgId}/audit-log?limit=100`);
    const actions = audit.body.items
      .filter((e: { targetId: string }) => e.targetId === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(["credential.delete", "credential.rotate", "credential.create"]);
  });

  it("keeps only ciphertext and token hashes in the database file", async () => {
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, {
      body: credentialBody({ secretKey: SECRET_A }),
    });
    expect(created.status).toBe(201);
    const issued = await issueToken(api, orgId, "on-disk-check", { org: [], projects: {} });
    const dbFile = api.dbUrl.slice("file:".length);
    const bytes = Buffer.concat([
      readFileSync(dbFile),
      ...["-wal"].flatMap((s) => {
        try {
          return [readFileSync(dbFile + s)];
        } catch {
          return [];
        }
      }),
    ]);
    expect(bytes.includes(Buffer.from(SECRET_A))).toBe(false);
    expect(bytes.includes(Buffer.from("my-namespace"))).toBe(true);
    for (const token of [BOOTSTRAP_TOKEN, issued]) {
      expect(bytes.includes(Buffer.from(token))).toBe(false);
      expect(bytes.includes(Buffer.from(createHash("sha256").update(token).digest("hex")))).toBe(true);
    }
  });

  it("rejects a ciphertext copied onto another credential row", async () => {
    const a = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, {
      body: credentialBody({ namespace: "copy-source" }),
    });
    const b = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, {
      body: credentialBody({ namespace: "copy-target", secretKey: SECRET_B }),
    });
    const client = createClient({ url: api.dbUrl });
    const row = await client.execute({
      sql: "select encrypted_secret from credentials where id = ?",
      args: [a.body.id],
    });
    await client.execute({
      sql: "update credentials set encrypted_secret = ? where id = ?",
      args: [row.rows[0]!.encrypted_secret as string, b.body.id],
    });
    client.close();

    const rotate = await api.request("POST", `/v1/orgs/${orgId}/credentials/${b.body.id}/verify`);
    expect(rotate.status).toBe(500);
    expect(rotate.headers.get("content-type")).toContain("application/problem+json");
    expect(rotate.body.code).toBe("secret_undecryptable");
    expect(rotate.body.detail).toMatch(/master key|another credential|tampered/i);
  });

  it("gives a clear error after a restart with a different master key", async () => {
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, {
      body: credentialBody({ namespace: "before-restart" }),
    });
    await api.stop();
    const otherKey = Buffer.alloc(32, 7).toString("base64");
    const restarted = await startApi({ dir: api.dir, env: { REGSCAN_MASTER_KEY: otherKey } });
    try {
      // Reported once, at start: how many stored secrets the new key cannot open, and which key sealed them.
      const stored = (await restarted.request("GET", `/v1/orgs/${orgId}/credentials`)).body.items.length;
      const reports = restarted.logged("stored secrets cannot be decrypted with the configured master keys");
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({
        level: "error",
        credentials: stored,
        sealedWith: [expect.stringMatching(/^[0-9a-f]{16}$/)],
        activeKeyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(reports[0]!.sealedWith).not.toContain(reports[0]!.activeKeyId);
      const listed = await restarted.request("GET", `/v1/orgs/${orgId}/credentials/${created.body.id}`);
      expect(listed.status).toBe(200);
      const use = await restarted.request("POST", `/v1/orgs/${orgId}/credentials/${created.body.id}/verify`);
      expect(use.body.code).toBe("secret_undecryptable");
      expect(use.body.detail).toMatch(/REGSCAN_MASTER_KEY/);
      expect(restarted.logged("stored secrets cannot be decrypted with the configured master keys")).toHaveLength(1);
      expectNoLeak(restarted, [SECRET_A, SECRET_B, otherKey]);
    } finally {
      await restarted.stop();
      api = await startApi({ dir: api.dir });
    }
  });

  it("stores the generated master key with mode 0600 beside the database", async () => {
    const { statSync } = await import("node:fs");
    const mode = statSync(join(api.dir, "master.key")).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
