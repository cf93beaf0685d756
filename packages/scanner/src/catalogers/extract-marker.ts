/**
 * Results of stream extractors (`Cataloger.extract`) as kept in a layer's files: a marker naming
 * the cataloger and format, then JSON. The marker lets a cataloger tell its own results from the
 * other files a view holds; a malformed result reads as absent.
 */

const encoder = new TextEncoder();

const markers = new Map<string, Uint8Array>();

/** The marker of format `id`, encoded once: views are scanned for it file by file, layer by layer. */
function marker(id: string): Uint8Array {
  let bytes = markers.get(id);
  if (bytes === undefined) {
    bytes = encoder.encode(`\u0000regscan-extract:${id}\n`);
    markers.set(id, bytes);
  }
  return bytes;
}

/** Encodes `value` (JSON) as the extract of cataloger format `id` ("go-binary/1"). */
export function encodeExtract(id: string, value: unknown): Uint8Array {
  const head = marker(id);
  const body = encoder.encode(JSON.stringify(value));
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** The JSON value of an extract of format `id`, or undefined when `data` is not one. */
export function decodeExtract(id: string, data: Uint8Array): unknown {
  const head = marker(id);
  if (data.length < head.length) return undefined;
  for (let i = 0; i < head.length; i++) if (data[i] !== head[i]) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(data.subarray(head.length)));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // a damaged extract is no extract
    throw error;
  }
}
