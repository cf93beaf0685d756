/**
 * Index of a tar file's entries (name → data offset and size) read from its headers only, so
 * files inside a docker-archive can be streamed by range without unpacking it.
 * Handles ustar prefixes, GNU long names (L/K) and pax headers (x, g). Every field is validated:
 * the archive comes from someone else, and a size that is negative, not a number or past the end
 * of the file ends the index with `scan_failed` (limits: `image_too_large`), never in a loop.
 */
import { DomainError } from "@regscan/core";
import { parsePaxRecords, parseTarNumber, TarFormatError } from "../../walk/tar-fields.js";
import { openRegularFile } from "./read-file-limited.js";

export interface TarEntry {
  name: string;
  /** Offset of the entry's data in the tar file. */
  offset: number;
  size: number;
  /** Tar typeflag: "0" file, "1" hard link, "2" symlink, "5" directory, … */
  type: string;
  linkname: string;
}

export interface TarIndexLimits {
  /** Entries kept (distinct names). */
  maxEntries: number;
  /** Headers read, pax and long-name headers included. */
  maxHeaders: number;
  /** Bytes of one pax or GNU long-name header's data. */
  maxMetaBytes: number;
  /** Bytes of an entry name or link target. */
  maxNameBytes: number;
}

export const DEFAULT_TAR_INDEX_LIMITS: TarIndexLimits = {
  maxEntries: 100_000,
  maxHeaders: 1_000_000,
  maxMetaBytes: 1024 * 1024,
  maxNameBytes: 4096,
};

const BLOCK = 512;
const utf8 = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return utf8.decode(end < 0 ? slice : slice.subarray(0, end));
}

function checksumOk(block: Uint8Array, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  // Some old writers summed signed bytes; both are accepted, as GNU tar does.
  return stored === unsigned || stored === signed;
}

export function normaliseTarPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}

/** Reads every header of `file`. Throws DomainError `scan_failed` on a corrupt archive. */
export async function indexTar(
  file: string,
  label: string,
  limits: Partial<TarIndexLimits> = {},
): Promise<Map<string, TarEntry>> {
  const { maxEntries, maxHeaders, maxMetaBytes, maxNameBytes } = { ...DEFAULT_TAR_INDEX_LIMITS, ...limits };
  const fh = await openRegularFile(file, label, "open");
  let offset = 0;
  const corrupt = (reason: string) =>
    new DomainError("scan_failed", `${label} is not a valid tar archive (bad header at byte ${offset}: ${reason}).`, {
      offset,
    });
  const tooLarge = (what: string) => new DomainError("image_too_large", `${label} has ${what}.`, { offset });
  try {
    const fileSize = (await fh.stat()).size;
    const entries = new Map<string, TarEntry>();
    const block = new Uint8Array(BLOCK);
    let headers = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax: Record<string, string> = {};
    const name = (value: string, what: string) => {
      if (value.length > maxNameBytes) throw tooLarge(`an entry ${what} longer than ${maxNameBytes} bytes`);
      return value;
    };
    while (offset + BLOCK <= fileSize) {
      await readFully(fh, block, offset);
      if (block.every((b) => b === 0)) break;
      if (++headers > maxHeaders) throw tooLarge(`more than ${maxHeaders} tar headers`);
      const field = (start: number, length: number, what: string) => {
        try {
          return parseTarNumber(block.subarray(start, start + length));
        } catch (e) {
          if (e instanceof TarFormatError) throw corrupt(`${what} ${e.message}`);
          throw e;
        }
      };
      if (!checksumOk(block, field(148, 8, "checksum"))) throw corrupt("checksum mismatch");
      const type = String.fromCharCode(block[156] || 48);
      const size = field(124, 12, "size");
      const dataOffset = offset + BLOCK;
      if (dataOffset + size > fileSize) throw corrupt(`its ${size}-byte body runs past the end of the file`);
      const meta = type === "L" || type === "K" || type === "x" || type === "g";
      if (meta) {
        if (size > maxMetaBytes) throw tooLarge(`a ${size}-byte ${type} header, over the ${maxMetaBytes}-byte limit`);
        const data = new Uint8Array(size);
        await readFully(fh, data, dataOffset);
        if (type === "L") longName = name(text(data, 0, size), "name");
        else if (type === "K") longLink = name(text(data, 0, size), "link target");
        else if (type === "x") pax = paxOf(data, corrupt);
        offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
        continue;
      }
      const prefix = block[257] === 0x75 ? text(block, 345, 155) : ""; // "ustar"
      const entryName = name(
        normaliseTarPath(pax.path ?? longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100))),
        "name",
      );
      const linkname = name(pax.linkpath ?? longLink ?? text(block, 157, 100), "link target");
      let realSize = size;
      if (pax.size !== undefined) {
        if (!/^\d{1,16}$/.test(pax.size) || !Number.isSafeInteger(Number(pax.size)))
          throw corrupt(`pax size ${JSON.stringify(pax.size.slice(0, 32))} is not a byte count`);
        realSize = Number(pax.size);
        if (dataOffset + realSize > fileSize) throw corrupt(`its ${realSize}-byte body runs past the end of the file`);
      }
      if (entryName !== "") {
        entries.set(entryName, { name: entryName, offset: dataOffset, size: realSize, type, linkname });
        if (entries.size > maxEntries) throw tooLarge(`more than ${maxEntries} entries`);
      }
      longName = longLink = undefined;
      pax = {};
      offset = dataOffset + Math.ceil(realSize / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

function paxOf(data: Uint8Array, corrupt: (reason: string) => DomainError): Record<string, string> {
  try {
    return parsePaxRecords(data);
  } catch (e) {
    if (e instanceof TarFormatError) throw corrupt(`pax header ${e.message}`);
    throw e;
  }
}

async function readFully(fh: Awaited<ReturnType<typeof openRegularFile>>, into: Uint8Array, at: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await fh.read(into, done, into.length - done, at + done);
    if (bytesRead === 0) throw new DomainError("scan_failed", "The archive ended while it was being read (truncated).");
    done += bytesRead;
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
