import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "./support/start-api.js";

const CHROMIUM = "/usr/bin/chromium";
/** The installed viewer package: what /docs/scalar.js must serve, byte for byte. */
const SCALAR_DIST = dirname(fileURLToPath(import.meta.resolve("@scalar/api-reference")));
const SCALAR_VERSION: string = JSON.parse(readFileSync(join(SCALAR_DIST, "../package.json"), "utf8")).version;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The directives of a Content-Security-Policy header, each with its sources. */
function policy(header: string | null): Record<string, string[]> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Every <script> tag of a page: its src (if any) and nonce. */
function scripts(html: string): Array<{ src?: string; nonce?: string }> {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].map(([, attrs]) => ({
    src: /\bsrc="([^"]*)"/.exec(attrs!)?.[1],
    nonce: /\bnonce="([^"]*)"/.exec(attrs!)?.[1],
  }));
}

describe("/docs works without internet", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.cleanup());

  it("references only same-origin scripts, under a CSP that forbids every other script source", async () => {
    const page = await api.request("GET", "/docs", { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain('"url": "/openapi.json"');
    const csp = policy(page.headers.get("content-security-policy"));
    const nonce = csp["script-src"]!.find((s) => s.startsWith("'nonce-"))!.slice("'nonce-".length, -1);
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp["default-src"]).toEqual(["'none'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    const tags = scripts(page.text);
    expect(tags.map((t) => t.src)).toEqual([`/docs/scalar.js?v=${SCALAR_VERSION}`, undefined]);
    for (const tag of tags) expect(tag.nonce).toBe(nonce);
    expect(page.text).not.toMatch(/cdn\.jsdelivr|unpkg|https?:\/\/[^"]*\.js/);
    // A fresh nonce per page.
    const again = await api.request("GET", "/docs", { token: null });
    expect(again.headers.get("content-security-policy")).not.toBe(page.headers.get("content-security-policy"));
  });

  it("serves the installed @scalar/api-reference standalone build at /docs/scalar.js, cached for good", async () => {
    const installed = readFileSync(join(SCALAR_DIST, "browser/standalone.js"));
    const res = await fetch(`${api.url}/docs/scalar.js?v=${SCALAR_VERSION}`, {
      headers: { "accept-encoding": "identity" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.byteLength).toBe(installed.byteLength);
    expect(sha256(body)).toBe(sha256(installed));
    const zipped = await fetch(`${api.url}/docs/scalar.js?v=${SCALAR_VERSION}`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(sha256(new Uint8Array(await zipped.arrayBuffer()))).toBe(sha256(installed));
  });
});

// Headless Debian chromium with every host but 127.0.0.1 unresolvable and every request elsewhere
// aborted (and recorded): the reference must still render the operations.
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env.CI === "true")
  throw new Error(`${CHROMIUM} is missing: scripts/test-env.sh installs it`);
describe.skipIf(browserMissing)(
  `/docs in chromium, offline ${browserMissing ? `(skipped: no ${CHROMIUM})` : ""}`,
  () => {
    let api: TestApi;
    let browser: Browser;
    beforeAll(async () => {
      api = await startApi();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ],
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await api?.cleanup();
    });

    it("renders the reference with its operations, loading nothing from elsewhere", async () => {
      const context = await browser.newContext();
      const elsewhere: string[] = [];
      await context.route("**/*", (route) => {
        if (new URL(route.request().url()).origin === api.url) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort("internetdisconnected");
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.exposeFunction("reportViolation", (v: string) => errors.push(`CSP: ${v}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          // zod (inside the viewer) probes once whether eval is allowed and works without it.
          if (e.violatedDirective === "script-src" && e.blockedURI === "eval") return;
          (window as any).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await page.goto(`${api.url}/docs`);
      await page.getByText("Liveness: the process answers").first().waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: /Scans/ }).first().click();
      await page.getByText("Start a scan of an image in a credential's registry").first().waitFor({ timeout: 10_000 });
      expect(await page.getByText("One scan: status, progress, summary").count()).toBeGreaterThan(0);
      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  },
);
