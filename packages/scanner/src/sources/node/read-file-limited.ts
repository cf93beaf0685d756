/** Small-file reads and ranged streams for the file-based sources (Node only). */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { DomainError } from "@regscan/core";

/** Reads `length` bytes at `offset` of a file (all of it by default), refusing more than `maxBytes`. */
export async function readFileLimited(
  path: string,
  maxBytes: number,
  tooLarge: () => DomainError,
  range?: { offset: number; length: number },
): Promise<Uint8Array> {
  const fh = await open(path, "r").catch((e: NodeJS.ErrnoException) => {
    throw new DomainError("scan_failed", `Cannot read ${path}: ${e.code ?? e.message}.`);
  });
  try {
    const length = range?.length ?? (await fh.stat()).size;
    if (length > maxBytes) throw tooLarge();
    const buffer = new Uint8Array(length);
    const { bytesRead } = await fh.read(buffer, 0, length, range?.offset ?? 0);
    if (bytesRead !== length) throw new DomainError("scan_failed", `${path} is truncated.`);
    return buffer;
  } finally {
    await fh.close();
  }
}

/** A web stream of `length` bytes at `offset` of a file (the whole file by default). */
export function fileStream(path: string, range?: { offset: number; length: number }): ReadableStream<Uint8Array> {
  const options = range
    ? { start: range.offset, end: range.offset + range.length - 1, highWaterMark: 1 << 20 }
    : { highWaterMark: 1 << 20 };
  if (range?.length === 0) return new ReadableStream({ start: (c) => c.close() });
  return Readable.toWeb(createReadStream(path, options)) as ReadableStream<Uint8Array>;
}
