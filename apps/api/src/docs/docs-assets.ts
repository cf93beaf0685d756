/**
 * Where the /docs page gets the API reference viewer: Scalar's standalone browser bundle
 * (`@scalar/api-reference`, `dist/browser/standalone.js`).
 * - `served`: this API serves the file at /docs/scalar.js (Node reads it from the installed package),
 *   so /docs works without internet and its CSP allows scripts from this origin only.
 * - `cdn`: a runtime that cannot ship the file has the browser load it from `url`, and the CSP allows
 *   that one origin besides this one.
 */
export type DocsAssets =
  | { kind: "served"; version: string; script(): Promise<Uint8Array<ArrayBuffer>> }
  | { kind: "cdn"; url: string };

/** The CDN fallback, pinned to a version of @scalar/api-reference. */
export function cdnDocsAssets(version: string): DocsAssets {
  return {
    kind: "cdn",
    url: `https://cdn.jsdelivr.net/npm/@scalar/api-reference@${version}/dist/browser/standalone.js`,
  };
}
