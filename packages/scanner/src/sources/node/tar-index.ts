/**
 * Index of a tar file's entries (name → data offset and size) read from its headers only, so
 * files inside a docker-archive can be streamed by range without unpacking it.
 * Handles ustar prefixes, GNU long names (L/K) and pax headers (x, g).
 */
import { open } from "node:fs/promises";
import { DomainError } from "@regscan/core";

export interface TarEntry {
  name: string;
  /** Offset of the entry's data in the tar file. */
  offset: number;
  size: number;
  /** Tar typeflag: "0" file, "1" hard link, "2" symlink, "5" directory, … */
  type: string;
  linkname: string;
}

const BLOCK = 512;
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return utf8.decode(end < 0 ? slice : slice.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    let n = first & 0x7f; // GNU base-256
    for (let i = start + 1; i < start + length; i++) n = n * 256 + (block[i] ?? 0);
    return n;
  }
  const s = latin1
    .decode(block.subarray(start, start + length))
    .replace(/\0.*$/s, "")
    .trim();
  return s === "" ? 0 : Number.parseInt(s, 8);
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  return sum === octal(block, 148, 8);
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of utf8.decode(data).split("\n")) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m?.[1]) out[m[1]] = m[2] ?? "";
  }
  return out;
}

export function normaliseTarPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}

/** Reads every header of `file`. Throws DomainError `scan_failed` on a corrupt archive. */
export async function indexTar(file: string, label: string, maxEntries = 100_000): Promise<Map<string, TarEntry>> {
  const fh = await open(file, "r").catch((e: NodeJS.ErrnoException) => {
    throw new DomainError("scan_failed", `Cannot open ${label}: ${e.code ?? e.message}.`);
  });
  const corrupt = (offset: number) =>
    new DomainError("scan_failed", `${label} is not a valid tar archive (bad header at byte ${offset}).`);
  try {
    const fileSize = (await fh.stat()).size;
    const entries = new Map<string, TarEntry>();
    const block = new Uint8Array(BLOCK);
    let offset = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax: Record<string, string> = {};
    while (offset + BLOCK <= fileSize) {
      await fh.read(block, 0, BLOCK, offset);
      if (block.every((b) => b === 0)) break;
      if (!checksumOk(block)) throw corrupt(offset);
      const type = String.fromCharCode(block[156] || 48);
      const size = octal(block, 124, 12);
      const dataOffset = offset + BLOCK;
      if (!Number.isSafeInteger(size) || dataOffset + size > fileSize) throw corrupt(offset);
      const readData = async () => {
        if (size > 1024 * 1024) throw corrupt(offset);
        const data = new Uint8Array(size);
        await fh.read(data, 0, size, dataOffset);
        return data;
      };
      if (type === "L") longName = text(await readData(), 0, size);
      else if (type === "K") longLink = text(await readData(), 0, size);
      else if (type === "x") pax = paxRecords(await readData());
      else if (type !== "g") {
        const prefix = block[257] === 0x75 ? text(block, 345, 155) : ""; // "ustar"
        const name = pax.path ?? longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
        const linkname = pax.linkpath ?? longLink ?? text(block, 157, 100);
        const realSize = pax.size !== undefined ? Number(pax.size) : size;
        entries.set(normaliseTarPath(name), {
          name: normaliseTarPath(name),
          offset: dataOffset,
          size: realSize,
          type,
          linkname,
        });
        if (entries.size > maxEntries)
          throw new DomainError("image_too_large", `${label} has more than ${maxEntries} entries.`);
        longName = longLink = undefined;
        pax = {};
        offset = dataOffset + Math.ceil(realSize / BLOCK) * BLOCK;
        continue;
      }
      offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Follows symlinks and hard links (skopeo's `<id>/layer.tar` are symlinks) to a regular entry. */
export function resolveTarEntry(entries: Map<string, TarEntry>, name: string): TarEntry | undefined {
  let entry = entries.get(normaliseTarPath(name));
  for (let hops = 0; entry && (entry.type === "1" || entry.type === "2") && hops < 16; hops++) {
    const base = entry.type === "2" ? entry.name.split("/").slice(0, -1) : [];
    const parts = [...base];
    for (const p of entry.linkname.split("/")) {
      if (p === "..") parts.pop();
      else if (p !== "." && p !== "") parts.push(p);
    }
    entry = entries.get(
      entry.linkname.startsWith("/") || entry.type === "1" ? normaliseTarPath(entry.linkname) : parts.join("/"),
    );
  }
  return entry && (entry.type === "0" || entry.type === "7") ? entry : undefined;
}
