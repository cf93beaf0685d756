// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${VAR} is literal
/**
 * The extension in a real extension host, against the real API, the fake Scaleway API and the
 * local registry: sign in, browse to a tag, scan it, and see a Dockerfile's CodeLens, diagnostic,
 * hover and quick fixes. Asserted through the VS Code API; screenshots go to the artifacts folder.
 * One story, in order: each test builds on the state the previous one left.
 */
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { Services } from "../../src/extension.js";
import type { ScansNode } from "../../src/scans/scans-tree-model.js";
import type { RegistryNode } from "../../src/tree/registry-tree-model.js";
import { click, hasDriver, press, screenshot, type, visible } from "./ui.js";
import { loadWorld } from "./world.js";

const world = loadWorld();
let s: Services;

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(world.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${world.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function until<T>(what: string, get: () => Promise<T> | T, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)?.slice(0, 500)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const kids = (node?: RegistryNode) => s.registries.getChildren(node);
const find = (nodes: RegistryNode[], label: string) => {
  const node = nodes.find((n) => s.registries.getTreeItem(n).label === label);
  assert.ok(node, `no node "${label}" among ${nodes.map((n) => s.registries.getTreeItem(n).label).join(", ")}`);
  return node;
};

describe("regscan in a VS Code extension host", () => {
  let good: RegistryNode;
  let tag10: Extract<RegistryNode, { kind: "tag" }>;
  let scanned: any;
  let dockerfile: vscode.TextDocument;

  it("activates on its view, signed out, with the sign-in welcome", async () => {
    await vscode.commands.executeCommand("workbench.view.extension.regscan");
    const ext = vscode.extensions.getExtension<Services>("regscan.regscan");
    assert.ok(ext, "the extension regscan.regscan is installed");
    s = await until(
      "activation",
      () => ext.isActive,
      (a) => a,
    ).then(() => ext.exports);
    assert.equal(s.session.current, null);
    assert.deepEqual(await kids(), []);
    assert.equal(await s.status.check(), "reachable");
    assert.match(s.status.item.text, /sign in/);
  });

  it("refuses a wrong token, and signs in with the right one typed into the input box", async () => {
    assert.equal(await vscode.commands.executeCommand("regscan.auth.signIn", "rgs_not-a-valid-token-000000"), null);
    assert.equal(s.session.current, null);
    let signed = null as any;
    if (hasDriver(world)) {
      const pending = vscode.commands.executeCommand("regscan.auth.signIn");
      assert.ok(await visible(world, "API token for"), "the sign-in input box is shown");
      await type(world, world.token);
      await press(world, "Enter");
      signed = await pending;
    } else {
      signed = await vscode.commands.executeCommand("regscan.auth.signIn", world.token);
    }
    assert.equal(signed?.project.name, "default");
    assert.equal((s.session.current as { projectId: string } | null)?.projectId, signed.projectId);
    assert.match(s.status.item.text, /regscan$/);
  });

  it("says when the organization has no credential yet, then lists the credentials stored since", async () => {
    assert.deepEqual(await kids(), []);
    assert.equal(s.registries.model.hasNoCredentials, true);
    const me = await api("GET", "/v1/me");
    const orgId = me.organizations[0].id;
    const credential = (namespace: string, secretKey: string, description: string) => ({
      provider: "scaleway",
      scalewayProjectId: world.scalewayProjectId,
      region: "fr-par",
      namespace,
      secretKey,
      description,
    });
    await api("POST", `/v1/orgs/${orgId}/credentials`, credential("regscan", world.registryPassword, "test registry"));
    // A key Scaleway does not know (stored unverified): browsing it fails with credential_invalid.
    await api(
      "POST",
      `/v1/orgs/${orgId}/credentials?verify=false`,
      credential("regscan", "5ec7e7a1-dead-4bad-8bad-00000000dead", "revoked key"),
    );
    await vscode.commands.executeCommand("regscan.registries.refresh");
    const roots = await kids();
    assert.deepEqual(roots.map((n) => s.registries.getTreeItem(n).label).sort(), ["revoked key", "test registry"]);
    assert.equal(s.registries.model.hasNoCredentials, false);
    good = find(roots, "test registry");
    assert.match(String(s.registries.getTreeItem(good).description), /^fr-par/);
  });

  it("shows a failing level as an error node with the problem's message and a re-verify action", async () => {
    const bad = find(await kids(), "revoked key");
    const [node, ...rest] = await kids(bad);
    assert.equal(rest.length, 0);
    assert.equal(node?.kind, "error");
    const item = s.registries.getTreeItem(node!);
    assert.equal(item.description, "credential_invalid");
    assert.equal(item.contextValue, "regscan.error.verify");
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.color?.id === "errorForeground");
    assert.match(String(item.tooltip), /Rotate the credential's secret key/);
  });

  it("re-verifies a failing credential from its error node: Scaleway still refuses, the credential says invalid", async () => {
    const bad = find(await kids(), "revoked key");
    const [node] = await kids(bad);
    assert.equal(await vscode.commands.executeCommand("regscan.credential.verify", node), undefined);
    const again = find(await kids(), "revoked key");
    assert.equal(s.registries.getTreeItem(again).description, "fr-par · invalid");
    const [stillFailing] = await kids(again);
    assert.equal(s.registries.getTreeItem(stillFailing!).description, "credential_invalid");
  });

  it("expands credential → namespace → image → tags, newest first, with digest and age", async () => {
    const [ns] = await kids(good);
    assert.equal(s.registries.getTreeItem(ns!).label, "regscan");
    const images = await kids(ns);
    assert.deepEqual(
      images.map((n) => s.registries.getTreeItem(n).label),
      ["app", "base", "web"],
    );
    const tags = await kids(find(images, "web"));
    assert.deepEqual(
      tags.map((n) => s.registries.getTreeItem(n).label),
      ["2.0", "1.1", "1.0"],
    );
    tag10 = find(tags, "1.0") as typeof tag10;
    const item = s.registries.getTreeItem(tag10);
    assert.match(String(item.tooltip), /Digest: sha256:/);
    assert.match(String(item.description), /ago$/);
    assert.equal(item.contextValue, "regscan.tag");
    // The API's q filter, on the namespace's images.
    s.registries.model.setFilter(ns!.key, "we");
    assert.deepEqual(
      (await kids(ns)).map((n) => s.registries.getTreeItem(n).label),
      ["web"],
    );
    s.registries.model.setFilter(ns!.key, "");
    await kids(ns);
    await s.registries.view.reveal(tag10, { expand: true, select: true, focus: true });
    await screenshot(world, "registries-tree");
  });

  it("says a tag has not been scanned yet (Open last scan)", async () => {
    assert.equal(await vscode.commands.executeCommand("regscan.tag.openLastScan", tag10), undefined);
  });

  it("copies a tag's reference and digest", async () => {
    const ref = await vscode.commands.executeCommand<string>("regscan.tag.copyReference", tag10);
    assert.equal(ref, `${world.registryHost}/regscan/web:1.0`);
    assert.equal(await vscode.env.clipboard.readText(), ref);
    const digest = await vscode.commands.executeCommand<string>("regscan.tag.copyDigest", tag10);
    assert.equal(digest, tag10.tag.digest);
  });

  it("works from the palette without a tree item: quick-pick drill-down to a tag", async function () {
    if (!hasDriver(world)) this.skip();
    const pending = vscode.commands.executeCommand<string>("regscan.tag.copyReference");
    for (const [title, choice] of [
      ["regscan: credential", "test registry"],
      ["regscan: namespace", "regscan"],
      ["regscan: image", "web"],
      ["regscan: tag", "2.0"],
    ] as const) {
      assert.ok(await visible(world, title), `the ${title} quick pick is shown`);
      await type(world, choice);
      await press(world, "Enter");
    }
    assert.equal(await pending, `${world.registryHost}/regscan/web:2.0`);
  });

  it("cancels a scan from its progress notification: the API is asked, the scan ends cancelled", async function () {
    if (!hasDriver(world)) this.skip();
    const [ns] = await kids(good);
    const app = find(await kids(ns), "app");
    const [latest] = await kids(app);
    const pending = vscode.commands.executeCommand<any>("regscan.tag.scan", latest);
    await until(
      "the status bar",
      () => s.status.item.text,
      (t) => t.includes("regscan: 1 scan running"),
      5000,
    );
    await click(world, ".notifications-toasts .monaco-button", "Cancel");
    const ended = await pending;
    assert.equal(ended?.status, "cancelled", JSON.stringify(ended));
    assert.equal((await api("GET", `/v1/projects/${ended.projectId}/scans/${ended.id}`)).status, "cancelled");
  });

  it("scans a tag to completion, then lists it in the Scans tree by severity with its findings", async () => {
    scanned = await vscode.commands.executeCommand("regscan.tag.scan", tag10);
    assert.equal(scanned?.status, "succeeded", JSON.stringify(scanned));
    assert.equal(scanned.summary.critical, 1);
    assert.ok(scanned.summary.high >= 1, JSON.stringify(scanned.summary));
    const scans = (await s.scans.getChildren()) as ScansNode[];
    const mine = scans.find((n) => n.kind === "scan" && n.scan.id === scanned.id);
    assert.ok(mine);
    assert.match(String(s.scans.getTreeItem(mine).description), /^1 critical, \d+ high · /);
    const groups = await s.scans.getChildren(mine);
    assert.deepEqual(
      groups.map((g) => s.scans.getTreeItem(g).label),
      ["1 critical", `${scanned.summary.high} high`],
    );
    const [zlib] = await s.scans.getChildren(groups[0]);
    const item = s.scans.getTreeItem(zlib!);
    assert.equal(item.label, "zlib1g");
    assert.match(String(item.description), /→ 1:1\.3\.dfsg-1 · CVE-2099-0001$/);
    assert.equal(item.command?.command, "regscan.finding.openAdvisory");
    // The summary view opened when the scan ended.
    const panel = await until(
      "summary panel",
      () => s.summaries.panel(scanned.id),
      (p) => p !== undefined,
    );
    const html = panel!.webview.html;
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.match(html, /<p class="counts" id="counts">1 critical, \d+ high<\/p>/);
    assert.doesNotMatch(html, /<script(?![^>]*nonce=)/);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.endsWith("/vsix/extension/media/summary.js"), scripts[0]);
    assert.match(html, /script-src &#39;nonce-[0-9a-f]+&#39;; form-action/);
    await screenshot(world, "scan-summary");
    const last: any = await vscode.commands.executeCommand("regscan.tag.openLastScan", tag10);
    assert.equal(last?.id, scanned.id);
    // Two more tags of the same image, for the quick fixes: 1.1 (same track), 2.0 (another major).
    for (const tag of ["1.1", "2.0"]) {
      const scan: any = await vscode.commands.executeCommand("regscan.dockerfile.scanImage", {
        credentialId: tag10.credential.id,
        reference: `${world.registryHost}/regscan/web:${tag}`,
      });
      assert.equal(scan?.status, "succeeded");
      assert.deepEqual([scan.summary.critical, scan.summary.high], [1, 0]);
    }
  });

  it("puts a CodeLens, a diagnostic, a hover and quick fixes on the FROM lines of a Dockerfile", async () => {
    const host = world.registryHost;
    const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, "Dockerfile");
    writeFileSync(
      file,
      [
        `ARG REGISTRY=${host}`,
        "ARG UNSET",
        "FROM ${REGISTRY}/regscan/web:1.0 AS build",
        "RUN echo build",
        "FROM build AS again",
        "FROM scratch",
        "FROM docker.io/library/alpine:3.19",
        "FROM ${REGISTRY}/regscan/base:${UNSET}",
        "FROM --platform=linux/arm64 ${REGISTRY}/regscan/base:latest",
        "",
      ].join("\n"),
    );
    const doc = await vscode.workspace.openTextDocument(file);
    dockerfile = doc;
    assert.equal(doc.languageId, "dockerfile");
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until(
      "diagnostics",
      () => vscode.languages.getDiagnostics(doc.uri),
      (d) => d.length > 0,
    );
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d!.source, "regscan");
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.character], [2, 5, 32]);
    assert.match(
      d!.message,
      new RegExp(`^${host.replace(/\./g, "\\.")}/regscan/web:1\\.0 has 1 critical, \\d+ high vulnerabilities`),
    );
    const code = d!.code as { value: string; target: vscode.Uri };
    assert.match(code.value, /^1 critical, \d+ high$/);
    assert.equal(code.target.scheme, "command");
    assert.equal(code.target.path, "regscan.scan.openSummary");
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
    const byLine = new Map(lenses.map((l) => [l.range.start.line, l.command?.title ?? ""]));
    assert.deepEqual([...byLine.keys()].sort(), [2, 6, 7, 8]);
    assert.match(byLine.get(2)!, /^1 critical, \d+ high · scanned (just now|\d+ min ago) · Rescan$/);
    assert.match(byLine.get(6)!, /^Cannot scan: docker\.io is not a registry of your regscan credentials/);
    assert.equal(
      byLine.get(7),
      "Cannot scan: ${UNSET} has no default here (give the ARG a default before the first FROM).",
    );
    assert.match(byLine.get(8)!, /built for linux\/arm64/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      doc.uri,
      new vscode.Position(2, 12),
    );
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
    assert.match(hover, /1 critical, \d+ high/);
    assert.match(hover, /CVE\\-2099\\-0001/);
    assert.ok(hover.includes(scanned.digest), hover);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      d!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Pin to digest ${scanned.digest.slice(0, 19)}…`), titles.join(" | "));
    assert.ok(titles.includes("Switch to 1.1 (1 critical, 0 high)"), titles.join(" | "));
    assert.ok(!titles.some((t) => t.includes("2.0")), titles.join(" | "));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await screenshot(world, "dockerfile-diagnostic", 1500);
    // What a click on the code runs: the summary of that scan, with its findings.
    const opened = await vscode.commands.executeCommand<vscode.WebviewPanel>(
      code.target.path,
      ...JSON.parse(decodeURIComponent(code.target.query)),
    );
    assert.match(opened.webview.html, /zlib1g/);
    await vscode.window.showTextDocument(doc);
    // The palette's Scan Dockerfile image, without a CodeLens: the one scannable FROM of the open Dockerfile.
    const rescan = await vscode.commands.executeCommand<any>("regscan.dockerfile.scanImage");
    assert.equal(rescan?.image, `${host}/regscan/web:1.0`);
    assert.equal(rescan.reused?.reason, "same_digest");
    await vscode.window.showTextDocument(doc);

    const pin = actions.find((a) => a.title.startsWith("Pin to digest"))!;
    assert.ok(await vscode.workspace.applyEdit(pin.edit!));
    assert.equal(doc.lineAt(2).text, `FROM \${REGISTRY}/regscan/web:1.0@${scanned.digest} AS build`);
    const revert = new vscode.WorkspaceEdit();
    revert.replace(doc.uri, doc.lineAt(2).range, "FROM ${REGISTRY}/regscan/web:1.0 AS build");
    assert.ok(await vscode.workspace.applyEdit(revert));
    const switchTo = actions.find((a) => a.title.startsWith("Switch to 1.1"))!;
    assert.ok(await vscode.workspace.applyEdit(switchTo.edit!));
    assert.equal(doc.lineAt(2).text, "FROM ${REGISTRY}/regscan/web:1.1 AS build");
    await until(
      "diagnostic after the switch",
      () => vscode.languages.getDiagnostics(doc.uri).map((x) => (x.code as { value: string }).value),
      (codes) => codes.length === 1 && codes[0] === "1 critical",
    );
  });

  it("clears the diagnostic when the FROM no longer names a vulnerable image", async () => {
    const doc = dockerfile;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(2).range, "FROM docker.io/library/alpine:3.19 AS build");
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(
      "no diagnostics",
      () => vscode.languages.getDiagnostics(doc.uri),
      (d) => d.length === 0,
    );
    await doc.save();
  });

  it("scans the images of an opened Dockerfile only once regscan.dockerfile.scanOnOpen is on", async () => {
    const config = vscode.workspace.getConfiguration("regscan");
    const file = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, "Dockerfile.base");
    writeFileSync(file, `FROM ${world.registryHost}/regscan/base:v2s2\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.languageId, "dockerfile");
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 2000));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ["Scan image"],
    );
    const reference = `${world.registryHost}/regscan/base:v2s2`;
    const me = await api("GET", "/v1/me");
    const scansOf = async () =>
      (await api("GET", `/v1/projects/${me.projects[0].id}/scans?image=${encodeURIComponent(reference)}`)).items;
    assert.deepEqual(await scansOf(), [], "nothing scans on open by default");
    await config.update("dockerfile.scanOnOpen", true, vscode.ConfigurationTarget.Global);
    try {
      const diagnostics = await until(
        "diagnostics",
        () => vscode.languages.getDiagnostics(doc.uri),
        (d) => d.length > 0,
        60_000,
      );
      assert.match(diagnostics[0]!.message, /has 1 critical vulnerabilities/);
      assert.equal((await scansOf()).length, 1);
    } finally {
      await config.update("dockerfile.scanOnOpen", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("signs out: the token is removed and the views go back to the welcome", async () => {
    await vscode.commands.executeCommand("regscan.auth.signOut");
    assert.equal(s.session.current, null);
    await s.session.restore();
    assert.equal(s.session.current, null, "no token is left in secret storage");
    assert.deepEqual(await kids(), []);
  });
});
