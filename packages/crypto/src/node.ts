// Node-only helpers of @regscan/crypto (file system access).
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseMasterKey } from "./master-key.js";

/**
 * Reads the master key from `keyFile`, or creates it: 32 random bytes in base64, written with
 * mode 0600 and an exclusive create (hard link) so two processes starting together end up with the same key.
 * `generated: true` tells the caller to warn that the key lives beside the data it protects.
 */
export async function loadOrCreateMasterKey(options: {
  keyFile: string;
}): Promise<{ key: Uint8Array; generated: boolean }> {
  const { keyFile } = options;
  const existing = await readKey(keyFile);
  if (existing) return { key: existing, generated: false };
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  // Write a private temp file, then hard-link it into place: the link fails if the key file
  // appeared meanwhile, and nobody can ever read a half-written key file.
  const temp = `${keyFile}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  try {
    await link(temp, keyFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    // Another process won the race: use its key.
    const theirs = await readKey(keyFile);
    if (theirs) return { key: theirs, generated: false };
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const created = await readKey(keyFile);
  if (!created) throw new Error(`master key file ${keyFile} vanished right after it was created`);
  return { key: created, generated: true };
}

async function readKey(keyFile: string): Promise<Uint8Array | null> {
  let text: string;
  try {
    text = await readFile(keyFile, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  return parseMasterKey(text, `The master key file ${keyFile}`);
}
