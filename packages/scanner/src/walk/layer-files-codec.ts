/**
 * A compact, self-checking byte encoding of LayerFiles for the layer cache:
 * `RSLF1\n` + 4-byte big-endian JSON length + JSON {diffId, symlinks, deletions, opaqueDirs,
 * notices, files: [[path, length], …], size} + the file bytes concatenated in the same order.
 */

import type { Notice } from "../model.js";
import type { LayerFiles } from "./layer-files.js";

const MAGIC = new TextEncoder().encode("RSLF1\n");

interface Header {
  diffId: string;
  symlinks: [string, string][];
  deletions: string[];
  opaqueDirs: string[];
  notices: Notice[];
  files: [string, number][];
  size: number;
}

export function encodeLayerFiles(layer: LayerFiles): Uint8Array {
  const files = [...layer.files];
  const header: Header = {
    diffId: layer.diffId,
    symlinks: [...layer.symlinks],
    deletions: layer.deletions,
    opaqueDirs: layer.opaqueDirs,
    notices: layer.notices,
    files: files.map(([path, data]) => [path, data.length]),
    size: layer.size,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = MAGIC.length + 4 + json.length + files.reduce((n, [, d]) => n + d.length, 0);
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length);
  out.set(json, MAGIC.length + 4);
  let offset = MAGIC.length + 4 + json.length;
  for (const [, data] of files) {
    out.set(data, offset);
    offset += data.length;
  }
  return out;
}

/** Decodes an entry; undefined when the bytes are not a complete, well-formed entry. */
export function decodeLayerFiles(input: Uint8Array): LayerFiles | undefined {
  // A Node Buffer's slice() would return Buffers; work on a plain view of the same memory.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  try {
    if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const jsonLength = view.getUint32(MAGIC.length);
    const start = MAGIC.length + 4;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + jsonLength))) as Header;
    let offset = start + jsonLength;
    const files = new Map<string, Uint8Array>();
    for (const [path, length] of header.files) {
      if (offset + length > bytes.length) return undefined;
      files.set(path, bytes.slice(offset, offset + length));
      offset += length;
    }
    if (offset !== bytes.length || typeof header.diffId !== "string" || typeof header.size !== "number")
      return undefined;
    return {
      diffId: header.diffId,
      files,
      symlinks: new Map(header.symlinks),
      deletions: header.deletions,
      opaqueDirs: header.opaqueDirs,
      notices: header.notices,
      size: header.size,
    };
  } catch {
    return undefined;
  }
}
