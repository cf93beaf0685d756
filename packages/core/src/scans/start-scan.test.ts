import { describe, expect, it } from "vitest";
import { scanTargetFor } from "./scan-image-input.js";
import { HOST, scanSetup } from "./scan-test-setup.js";
import { startScan } from "./start-scan.js";

const digest = `sha256:${"ab".repeat(32)}`;

describe("scanTargetFor", () => {
  it.each([
    {
      name: "a tag",
      image: `${HOST}/team/app:1.0`,
      target: { namespace: "team", image: "app", tag: "1.0", digest: null },
    },
    {
      name: "no tag (latest)",
      image: `${HOST}/team/app`,
      target: { namespace: "team", image: "app", tag: "latest", digest: null },
    },
    {
      name: "a nested image",
      image: `${HOST}/team/sub/tool:2`,
      target: { namespace: "team", image: "sub/tool", tag: "2", digest: null },
    },
    {
      name: "a digest",
      image: `${HOST}/team/app@${digest}`,
      target: { namespace: "team", image: "app", tag: null, digest },
    },
    {
      name: "tag and digest",
      image: `${HOST}/team/app:1.0@${digest}`,
      target: { namespace: "team", image: "app", tag: null, digest },
    },
    {
      name: "the structured form",
      image: { namespace: "team", image: "app", tag: "1.0" },
      target: { namespace: "team", image: "app", tag: "1.0", digest: null },
    },
  ])("reads $name", ({ image, target }) => {
    expect(scanTargetFor(image, HOST)).toEqual(target);
  });

  it.each([
    { name: "another registry", image: "docker.io/library/alpine:3", message: `the credential pulls from ${HOST}` },
    { name: "the same host on another port", image: `${HOST}:444/team/app:1`, message: `name an image in ${HOST}` },
    { name: "a look-alike host", image: `${HOST}.evil.example/team/app:1`, message: `pulls from ${HOST}` },
    { name: "no host", image: "team/app:1", message: `pulls from ${HOST}` },
    { name: "a scheme", image: `https://${HOST}/team/app:1`, message: "without a scheme" },
    { name: "a namespace only", image: `${HOST}/app:1`, message: "namespace/image" },
    { name: "upper case", image: `${HOST}/Team/app:1`, message: "lowercase" },
    { name: "a bad digest", image: `${HOST}/team/app@sha256:abc`, message: "64 lowercase hex" },
    { name: "a bad tag", image: `${HOST}/team/app:-x`, message: "The tag" },
  ])("refuses $name with validation_failed", ({ image, message }) => {
    expect(() => scanTargetFor(image, HOST)).toThrow(
      expect.objectContaining({ code: "validation_failed", message: expect.stringContaining(message) }),
    );
  });
});

describe("startScan", () => {
  it("queues a scan: 202-ready job, audited, handed to the queue", async () => {
    const { deps, owner, projectId, credentialId, queue } = await scanSetup();
    const { scan, replayed } = await startScan(deps, owner, projectId, { credentialId, image: `${HOST}/team/app:1.0` });
    expect(replayed).toBe(false);
    expect(scan).toMatchObject({
      status: "queued",
      image: `${HOST}/team/app:1.0`,
      projectId,
      credentialId,
      createdBy: owner.id,
      progress: { phase: "queued" },
      attempts: 0,
    });
    expect(queue.sent).toEqual([{ scanId: scan.id, delaySeconds: 0 }]);
    const audit = (deps.audit as unknown as { entries(): Array<{ action: string; targetId: string }> }).entries();
    expect(audit.some((e) => e.action === "scan.start" && e.targetId === scan.id)).toBe(true);
  });

  it("builds the reference from {namespace, image, tag}", async () => {
    const { deps, owner, projectId, credentialId } = await scanSetup();
    const { scan } = await startScan(deps, owner, projectId, {
      credentialId,
      image: { namespace: "team", image: "app", tag: "1.1" },
    });
    expect(scan.image).toBe(`${HOST}/team/app:1.1`);
  });

  it.each([
    { name: "a reader token", who: "reader", code: "forbidden" },
    { name: "an unknown project", who: "owner", project: "nope", code: "not_found" },
    { name: "an unknown credential", who: "owner", credential: "nope", code: "not_found" },
    { name: "a plan without container_scanning", who: "owner", features: false, code: "feature_not_enabled" },
    { name: "an image on another registry", who: "owner", image: "ghcr.io/x/y:1", code: "validation_failed" },
    { name: "an unknown field", who: "owner", extra: { platform: "x" }, code: "validation_failed" },
  ])("refuses $name ($code)", async ({ who, project, credential, features, image, extra, code }) => {
    const setup = await scanSetup({ features: features ?? true });
    const principal = who === "reader" ? setup.reader : setup.owner;
    const body = { credentialId: credential ?? setup.credentialId, image: image ?? `${HOST}/team/app:1.0`, ...extra };
    await expect(startScan(setup.deps, principal, project ?? setup.projectId, body)).rejects.toMatchObject({ code });
    expect(setup.scans.jobs()).toEqual([]);
  });

  it("answers rate_limited beyond the organization's queue limit", async () => {
    const { deps, owner, projectId, credentialId } = await scanSetup({ policy: { orgQueueLimit: 2 } });
    const body = { credentialId, image: `${HOST}/team/app:1.0` };
    await startScan(deps, owner, projectId, body);
    await startScan(deps, owner, projectId, body);
    await expect(startScan(deps, owner, projectId, body)).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 60 },
    });
  });

  it("returns the same scan for the same Idempotency-Key and body, conflict for another body", async () => {
    const { deps, owner, projectId, credentialId, scans } = await scanSetup();
    const body = { credentialId, image: `${HOST}/team/app:1.0` };
    const first = await startScan(deps, owner, projectId, body, { idempotencyKey: "k-1" });
    const again = await startScan(deps, owner, projectId, body, { idempotencyKey: "k-1" });
    expect(again).toMatchObject({ replayed: true, scan: { id: first.scan.id } });
    await expect(
      startScan(deps, owner, projectId, { ...body, image: `${HOST}/team/app:1.1` }, { idempotencyKey: "k-1" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(scans.jobs()).toHaveLength(1);
    const other = await startScan(deps, owner, projectId, body, { idempotencyKey: "k-2" });
    expect(other.scan.id).not.toBe(first.scan.id);
  });

  it("forgets an Idempotency-Key after its time to live", async () => {
    const { deps, base, owner, projectId, credentialId } = await scanSetup({ policy: { idempotencyTtlMs: 1000 } });
    const body = { credentialId, image: `${HOST}/team/app:1.0` };
    const first = await startScan(deps, owner, projectId, body, { idempotencyKey: "k" });
    base.clock.advance(1001);
    const later = await startScan(deps, owner, projectId, body, { idempotencyKey: "k" });
    expect(later.replayed).toBe(false);
    expect(later.scan.id).not.toBe(first.scan.id);
  });

  it.each(["", "a b", "é", "x".repeat(256)])("refuses the Idempotency-Key %j", async (key) => {
    const { deps, owner, projectId, credentialId } = await scanSetup();
    await expect(
      startScan(deps, owner, projectId, { credentialId, image: `${HOST}/team/app:1.0` }, { idempotencyKey: key }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
