import { describe, expect, it } from "vitest";
import { finding, NOW, scan, summary } from "../test-support/fixtures.js";
import { summaryHtml } from "./summary-html.js";

const page = (over: Partial<Parameters<typeof summaryHtml>[0]> = {}) =>
  summaryHtml({
    scan: scan(),
    findings: [finding()],
    complete: true,
    cspSource: "vscode-webview://x",
    nonce: "n0nce",
    scriptUri: "vscode-webview://x/media/summary.js",
    styleUri: "vscode-webview://x/media/summary.css",
    now: NOW,
    ...over,
  });

describe("the summary page", () => {
  it("has a strict CSP: its own style, one nonce'd local script, nothing remote", () => {
    const html = page();
    const csp = /content="([^"]+)"/.exec(html)![1]!.replaceAll("&#39;", "'");
    expect(csp).toBe(
      "default-src 'none'; style-src vscode-webview://x; img-src vscode-webview://x; script-src 'nonce-n0nce'; form-action 'none'; base-uri 'none'",
    );
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script nonce="n0nce" src="vscode-webview://x/media/summary.js">',
    ]);
  });

  it("writes the counts in words and a row per finding with a link to the advisory", () => {
    const html = page();
    expect(html).toContain('<p class="counts" id="counts">1 critical, 3 high</p>');
    expect(html).toContain('<a href="https://osv.dev/vulnerability/CVE-2099-0001">CVE-2099-0001</a>');
    expect(html).toContain('data-severity="CRITICAL"');
  });

  it("escapes whatever the API sent", () => {
    const html = page({
      scan: scan({ image: "h/ns/<img src=x onerror=alert(1)>" }),
      findings: [finding({ summary: "</td><script>alert(1)</script>", packageName: '"><b>x' })],
    });
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&#60;/td&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  it("says when the list is incomplete, lists warnings, and says clean when it is", () => {
    const partial = page({ complete: false, scan: scan({ warnings: ["No npm advisories."] }) });
    expect(partial).toContain("<li>Only the first 1 findings are listed here.</li>");
    expect(partial).toContain("<li>No npm advisories.</li>");
    const clean = page({ findings: [], scan: scan({ summary: summary() }) });
    expect(clean).toContain("No vulnerabilities found.");
    expect(clean).toContain(">no vulnerabilities</p>");
  });
});
