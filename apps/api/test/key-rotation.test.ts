import { afterAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, SECRET_A, SECRET_B } from "./support/fixtures.js";
import { expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

const OLD_KEY = Buffer.alloc(32, 1).toString("base64");
const NEW_KEY = Buffer.alloc(32, 2).toString("base64");

/** A decryptable secret reaches the (unreachable) Scaleway URL; an undecryptable one never gets that far. */
async function useSecret(api: TestApi, orgId: string, id: string): Promise<string> {
  const res = await api.request("POST", `/v1/orgs/${orgId}/credentials/${id}/verify`);
  return res.body.code;
}

describe("master key rotation", () => {
  const instances: TestApi[] = [];
  afterAll(async () => {
    for (const api of instances) expectNoLeak(api, [SECRET_A, SECRET_B, OLD_KEY, NEW_KEY]);
    await instances.at(-1)?.cleanup();
  });

  it("re-encrypts every secret to the new key, is safe to repeat, and the old key can then be dropped", async () => {
    const first = await startApi({ env: { REGSCAN_MASTER_KEY: OLD_KEY, REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "0.5" } });
    instances.push(first);
    const { orgId } = await defaultOrg(first);
    const ids: string[] = [];
    for (const [i, secretKey] of [SECRET_A, SECRET_B, SECRET_A].entries()) {
      const res = await first.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, {
        body: credentialBody({ namespace: `rotation-${i}`, secretKey }),
      });
      ids.push(res.body.id);
    }
    await first.stop();

    const rotating = await startApi({
      dir: first.dir,
      env: {
        REGSCAN_MASTER_KEY: NEW_KEY,
        REGSCAN_PREVIOUS_MASTER_KEYS: OLD_KEY,
        REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "0.5",
      },
    });
    instances.push(rotating);
    expect(await useSecret(rotating, orgId, ids[0]!)).toBe("upstream_unavailable");
    const run = await rotating.request("POST", "/v1/admin/reencrypt");
    expect(run.status, run.text).toBe(200);
    expect(run.body).toEqual({ scanned: 3, reencrypted: 3, failed: [] });
    const again = await rotating.request("POST", "/v1/admin/reencrypt");
    expect(again.body).toEqual({ scanned: 3, reencrypted: 0, failed: [] });
    await rotating.stop();

    const after = await startApi({
      dir: first.dir,
      env: { REGSCAN_MASTER_KEY: NEW_KEY, REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "0.5" },
    });
    instances.push(after);
    for (const id of ids) expect(await useSecret(after, orgId, id)).toBe("upstream_unavailable");
    const audit = await after.request("GET", `/v1/orgs/${orgId}/audit-log?limit=100`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === "credential.reencrypt")).toHaveLength(1);
  }, 60_000);

  it("pages the audit log newest first with a cursor", async () => {
    const api = instances.at(-1)!;
    const { orgId } = await defaultOrg(api);
    const all = (await api.request("GET", `/v1/orgs/${orgId}/audit-log?limit=100`)).body.items;
    expect(all.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await api.request(
        "GET",
        `/v1/orgs/${orgId}/audit-log?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e: { id: string }) => e.id));
    const times = all.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
