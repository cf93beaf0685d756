import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DocsAssets } from "../docs/docs-assets.js";

/**
 * The viewer script from the installed @scalar/api-reference package (its `dist/browser/
 * standalone.js`, which the package does not export: found beside its main entry), read once on the
 * first request to /docs/scalar.js and kept (about 5 MB).
 */
export function nodeDocsAssets(): DocsAssets {
  const dist = dirname(fileURLToPath(import.meta.resolve("@scalar/api-reference")));
  const script = join(dist, "browser", "standalone.js");
  const { version } = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")) as { version: string };
  let bytes: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return {
    kind: "served",
    version,
    script: () => {
      bytes ??= readFile(script).then(
        (buffer) => new Uint8Array(buffer),
        (error: unknown) => {
          bytes = undefined; // read again next time (e.g. a file restored after a broken install)
          throw error;
        },
      );
      return bytes;
    },
  };
}
