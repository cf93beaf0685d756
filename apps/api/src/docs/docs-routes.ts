import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import { compress } from "hono/compress";
import type { DocsAssets } from "./docs-assets.js";

export const DOCS_SCRIPT_PATH = "/docs/scalar.js";

/** The viewer's settings: nothing it would fetch from Scalar's services (fonts, telemetry, the agent). */
const VIEWER = {
  url: "/openapi.json",
  pageTitle: "regscan API",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: "never" as const,
};

/**
 * The Content-Security-Policy of /docs: scripts only from `scriptSources` and the page's own inline
 * script (by nonce), connections (the document, "try it" requests) only to this origin, no frames,
 * forms, plugins or base URL. Styles may be inline: the viewer injects its own at run time.
 */
function docsPolicy(nonce: string, scriptSources: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSources} 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** GET /docs (the interactive API reference) and, when served, GET /docs/scalar.js (its script). */
export function docsRoutes(assets: DocsAssets) {
  const served = assets.kind === "served";
  // The version in the URL lets the script be cached for good: a new version is a new URL.
  const scriptUrl = served ? `${DOCS_SCRIPT_PATH}?v=${encodeURIComponent(assets.version)}` : assets.url;
  const scriptSources = served ? "'self'" : `'self' ${new URL(assets.url).origin}`;
  const app = new Hono();
  app.get(
    "/docs",
    Scalar((c) => {
      const value = nonce();
      c.header("Content-Security-Policy", docsPolicy(value, scriptSources));
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cache-Control", "no-store");
      return { ...VIEWER, cdn: scriptUrl, nonce: value };
    }),
  );
  if (assets.kind === "served") {
    app.get(DOCS_SCRIPT_PATH, compress(), async (c) =>
      c.body(await assets.script(), 200, {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      }),
    );
  }
  return app;
}
