/** Small-file reads and ranged streams for the file-based sources (Node only). */
import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Readable } from "node:stream";
import { DomainError } from "@regscan/core";

/**
 * Opens `path` for reading only if it is a regular file (after following symlinks). It is opened
 * non-blocking and checked with fstat, so a FIFO (whose open and reads would wait for a writer
 * forever), a socket, a device or a directory is refused with `scan_failed` instead of being read.
 */
export async function openRegularFile(path: string, label = path, verb = "read"): Promise<FileHandle> {
  const failed = (e: NodeJS.ErrnoException) =>
    new DomainError("scan_failed", `Cannot ${verb} ${label}: ${e.code ?? e.message}.`, { path, reason: e.code });
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => {
    throw failed(e);
  });
  const info = await fh.stat().catch(async (e: NodeJS.ErrnoException) => {
    await fh.close();
    throw failed(e);
  });
  if (!info.isFile()) {
    await fh.close();
    throw new DomainError("scan_failed", `Cannot ${verb} ${label}: it is ${fileKind(info)}, not a regular file.`, {
      path,
      reason: "not_regular_file",
    });
  }
  return fh;
}

function fileKind(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Reads `length` bytes at `offset` of a file (all of it by default), refusing more than `maxBytes`. */
export async function readFileLimited(
  path: string,
  maxBytes: number,
  tooLarge: () => DomainError,
  range?: { offset: number; length: number },
): Promise<Uint8Array> {
  const fh = await openRegularFile(path);
  try {
    const length = range?.length ?? (await fh.stat()).size;
    if (length > maxBytes) throw tooLarge();
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await fh.read(buffer, done, length - done, (range?.offset ?? 0) + done);
      if (bytesRead === 0) throw new DomainError("scan_failed", `${path} is truncated.`, { path });
      done += bytesRead;
    }
    return buffer;
  } finally {
    await fh.close();
  }
}

/**
 * A web stream of `length` bytes at `offset` of a regular file (the whole file by default).
 * Throws like `openRegularFile` before any byte is read.
 */
export async function openFileStream(
  path: string,
  label: string,
  range?: { offset: number; length: number },
): Promise<ReadableStream<Uint8Array>> {
  const fh = await openRegularFile(path, label);
  if (range?.length === 0) {
    await fh.close();
    return new ReadableStream({ start: (c) => c.close() });
  }
  const options = range
    ? { start: range.offset, end: range.offset + range.length - 1, highWaterMark: 1 << 20 }
    : { highWaterMark: 1 << 20 };
  return Readable.toWeb(fh.createReadStream(options)) as ReadableStream<Uint8Array>;
}
