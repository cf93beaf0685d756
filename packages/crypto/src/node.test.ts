import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateMasterKey } from "./node.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "regscan-key-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadOrCreateMasterKey", () => {
  it("creates a 32-byte key in a new directory with mode 0600, then reuses it", async () => {
    const keyFile = join(dir, "nested", ".regscan", "master.key");
    const first = await loadOrCreateMasterKey({ keyFile });
    expect(first.generated).toBe(true);
    expect(first.key).toHaveLength(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, "utf8")).trim(), "base64")).toEqual(Buffer.from(first.key));
    const second = await loadOrCreateMasterKey({ keyFile });
    expect(second).toEqual({ key: first.key, generated: false });
  });

  it("gives two concurrent starts the same key", async () => {
    const keyFile = join(dir, "master.key");
    const results = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateMasterKey({ keyFile })));
    expect(results.filter((r) => r.generated)).toHaveLength(1);
    for (const r of results) expect(r.key).toEqual(results[0]?.key);
  });

  it.each([
    { name: "an empty file", content: "" },
    { name: "a short key", content: Buffer.alloc(16).toString("base64") },
    { name: "garbage", content: "not a key at all!" },
  ])("refuses $name with a message naming the file", async ({ content }) => {
    const keyFile = join(dir, "master.key");
    await writeFile(keyFile, content);
    await expect(loadOrCreateMasterKey({ keyFile })).rejects.toThrow(keyFile);
  });
});
