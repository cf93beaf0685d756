import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { StoredCredential } from "@regscan/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { localDatabasePath, openDatabase } from "./node.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "regscan-node-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("localDatabasePath", () => {
  it.each([
    { name: "relative file: URL", url: "file:.regscan/regscan.db", expected: ".regscan/regscan.db" },
    { name: "absolute file: URL", url: "file:/var/lib/regscan/db.sqlite", expected: "/var/lib/regscan/db.sqlite" },
    { name: "file:/// URL", url: "file:///var/lib/regscan/db.sqlite", expected: "/var/lib/regscan/db.sqlite" },
    { name: "query string", url: "file:data/x.db?mode=rwc", expected: "data/x.db" },
    { name: "in-memory", url: "file::memory:", expected: null },
    { name: "Turso", url: "libsql://regscan-acme.turso.io", expected: null },
    { name: "https", url: "https://regscan-acme.turso.io", expected: null },
  ])("$name", ({ url, expected }) => {
    expect(localDatabasePath(url)).toBe(expected);
  });
});

describe("openDatabase", () => {
  it.each([
    { name: "file:PATH", url: (d: string) => `file:${join(d, "a", "b", "regscan.db")}` },
    { name: "file:///PATH", url: (d: string) => pathToFileURL(join(d, "a", "b", "regscan.db")).href },
  ])("creates the parent directories of $name and the database in it", async ({ url }) => {
    const { writeDb: db, close } = await openDatabase({ url: url(dir) });
    try {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      await close();
    }
    expect(existsSync(join(dir, "a", "b", "regscan.db"))).toBe(true);
  });
});

describe("secrets at rest", () => {
  const SECRET = "5ec12e7a-1c3e-4b7d-9a55-0badc0ffee42";

  async function seal(plaintext: string): Promise<string> {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext));
    return `v1.test.${Buffer.from(sealed).toString("base64url")}`;
  }

  /** The raw bytes of every file the database left in `dir` (main file, journal, WAL). */
  function rawBytes(): string {
    return readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString("latin1"))
      .join("");
  }

  async function store(overrides: Partial<StoredCredential>): Promise<void> {
    const { writeDb: db, close } = await openDatabase({ url: `file:${join(dir, "regscan.db")}` });
    try {
      await migrate(db);
      await createLibsqlCredentialRepository(db).create({
        id: "c-1",
        orgId: "org-a",
        provider: "scaleway",
        scalewayProjectId: "6170692e-7073-4ee0-9a1f-0123456789ab",
        region: "fr-par",
        namespace: "ns",
        description: null,
        status: "unverified",
        createdAt: new Date(0),
        createdBy: "t-1",
        updatedAt: new Date(0),
        lastVerifiedAt: null,
        encryptedSecret: "",
        ...overrides,
      });
    } finally {
      await close();
    }
  }

  it("keeps only the ciphertext in the database file", async () => {
    const envelope = await seal(SECRET);
    await store({ encryptedSecret: envelope });
    const raw = rawBytes();
    expect(raw).toContain(envelope);
    expect(raw.includes(SECRET)).toBe(false);
  });

  it("would see a plaintext value in the file (the check above can fail)", async () => {
    await store({ encryptedSecret: await seal(SECRET), description: SECRET });
    expect(rawBytes().includes(SECRET)).toBe(true);
  });
});
