/**
 * The real layer fixtures of `test/fixtures/layers/` as bytes inside workerd (no file system
 * there): each `?bytes` import is inlined by the `bytesImport` plugin of this folder's
 * vitest.config.ts.
 */

import baseTar from "../fixtures/layers/base.tar?bytes";
import baseTarGz from "../fixtures/layers/base.tar.gz?bytes";
import baseTarZst from "../fixtures/layers/base.tar.zst?bytes";
import corruptDeflate from "../fixtures/layers/corrupt-deflate.tar.gz?bytes";
import truncatedGz from "../fixtures/layers/truncated.tar.gz?bytes";
import truncatedZst from "../fixtures/layers/truncated.tar.zst?bytes";
import truncatedBody from "../fixtures/layers/truncated-body.tar?bytes";
import upperWhiteouts from "../fixtures/layers/upper-whiteouts.tar?bytes";

const fixtures: Record<string, Uint8Array<ArrayBuffer>> = {
  "base.tar": baseTar,
  "base.tar.gz": baseTarGz,
  "base.tar.zst": baseTarZst,
  "corrupt-deflate.tar.gz": corruptDeflate,
  "truncated-body.tar": truncatedBody,
  "truncated.tar.gz": truncatedGz,
  "truncated.tar.zst": truncatedZst,
  "upper-whiteouts.tar": upperWhiteouts,
};

/** A copy of `test/fixtures/layers/<name>` (copies, so no test can change another's bytes). */
export function layerFixture(name: string): Uint8Array<ArrayBuffer> {
  const bytes = fixtures[name];
  if (bytes === undefined) throw new Error(`No layer fixture ${name} imported in layer-fixtures.ts`);
  return bytes.slice();
}
