/** `import data from "./file?bytes"`: the file's bytes (see bytesImport in vitest.config.ts). */
declare module "*?bytes" {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
