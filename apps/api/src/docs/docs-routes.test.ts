import { describe, expect, it } from "vitest";
import { cdnDocsAssets } from "./docs-assets.js";
import { docsRoutes } from "./docs-routes.js";

// The Node entry serves the script itself (test/docs.test.ts, through the started API); this is the
// fallback for a runtime that cannot ship the file.
describe("docsRoutes with the CDN fallback", () => {
  const app = docsRoutes(cdnDocsAssets("1.76.0"));
  const url = "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0/dist/browser/standalone.js";

  it("loads the pinned script from the CDN, and the CSP allows that one origin besides this one", async () => {
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<script src="${url}"`);
    const scriptSrc = res.headers
      .get("content-security-policy")
      ?.split(";")
      .find((d) => d.trim().startsWith("script-src"));
    expect(scriptSrc?.trim()).toMatch(/^script-src 'self' https:\/\/cdn\.jsdelivr\.net 'nonce-[A-Za-z0-9+/=]+'$/);
  });

  it("serves no script of its own", async () => {
    expect((await app.request("/docs/scalar.js")).status).toBe(404);
  });
});
