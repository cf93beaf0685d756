/** The commands about scans: the Scans view, summaries, cancel, advisories, Dockerfile scans. */
import * as vscode from "vscode";
import type { Finding, Scan } from "../api/api-types.js";
import { advisoryUrl } from "../scans/collect-findings.js";
import type { ScansNode } from "../scans/scans-tree-model.js";
import { pickFinding, pickScan } from "./pickers.js";
import type { Services } from "./services.js";
import { describeError, type SignedIn } from "./session.js";

// biome-ignore lint/suspicious/noExplicitAny: VS Code passes whatever the caller gave (tree item, CodeLens arguments, nothing).
type Command = (...args: any[]) => unknown;

export function scanCommands(s: Services, signedIn: () => SignedIn | null): Record<string, Command> {
  const scanOf = async (arg: unknown, filter?: (scan: Scan) => boolean): Promise<Scan | string | undefined> => {
    if (typeof arg === "string") return arg;
    if (isScan(arg)) return arg;
    if (isScansNode(arg) && "scan" in arg) return arg.scan;
    const current = signedIn();
    return current ? pickScan(current, filter) : undefined;
  };
  return {
    "regscan.scans.refresh": () => s.scans.refresh(),
    "regscan.scans.loadMore": async (node?: ScansNode) => {
      // From the palette: the next page of the recent scans.
      const parentKey = node?.kind === "loadMore" ? node.parentKey : "scans";
      await s.scans.model.loadMore(parentKey);
      s.scans.changedAt(parentKey === "scans" ? undefined : parentKey);
    },
    "regscan.scan.openSummary": async (arg?: unknown, options?: { beside?: boolean }) => {
      const scan = await scanOf(arg, (x) => x.status === "succeeded");
      return scan ? s.summaries.show(scan, { beside: options?.beside === true }) : undefined;
    },
    "regscan.scan.cancel": async (arg?: unknown) => {
      const current = signedIn();
      const scan = await scanOf(arg, (x) => x.status === "queued" || x.status === "running");
      if (!current || !scan) return undefined;
      const id = typeof scan === "string" ? scan : scan.id;
      try {
        const cancelled = await current.api.cancelScan(current.projectId, id);
        s.scans.refresh();
        return cancelled;
      } catch (error) {
        void vscode.window.showErrorMessage(`regscan: cannot cancel. ${describeError(error)}`);
        return undefined;
      }
    },
    "regscan.finding.openAdvisory": async (arg?: unknown) => {
      let finding: Finding | undefined;
      if (isScansNode(arg) && arg.kind === "finding") finding = arg.finding;
      else if (isFinding(arg)) finding = arg;
      else {
        const current = signedIn();
        const scan = current ? await pickScan(current, (x) => x.status === "succeeded") : undefined;
        finding = current && scan ? await pickFinding(current, scan) : undefined;
      }
      if (!finding) return undefined;
      const url = advisoryUrl(finding.vulnerabilityId);
      await vscode.env.openExternal(vscode.Uri.parse(url));
      return url;
    },
    "regscan.dockerfile.scanImage": async (target?: { credentialId: string; reference: string }) => {
      const chosen = target?.credentialId ? target : await pickDockerfileImage(s);
      if (!chosen) return undefined;
      // Started from a Dockerfile: the summary opens beside it, the Dockerfile stays in view.
      return s.runner.scan({ credentialId: chosen.credentialId, image: chosen.reference }, { beside: true });
    },
  };
}

function isScan(v: unknown): v is Scan {
  return typeof v === "object" && v !== null && "status" in v && "image" in v && "progress" in v;
}
function isFinding(v: unknown): v is Finding {
  return typeof v === "object" && v !== null && "vulnerabilityId" in v && "packageName" in v;
}
export function isScansNode(v: unknown): v is ScansNode {
  return typeof v === "object" && v !== null && "kind" in v && "key" in v;
}

/** The scannable FROM images of the active Dockerfile, to pick one (the palette's Scan Dockerfile image). */
async function pickDockerfileImage(s: Services): Promise<{ credentialId: string; reference: string } | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== "dockerfile") {
    void vscode.window.showInformationMessage(
      "regscan: open a Dockerfile first, or scan a tag from the Registries view.",
    );
    return undefined;
  }
  const scannable = (await s.dockerfiles.assess(document)).flatMap((a) => (a.kind === "scannable" ? [a] : []));
  if (scannable.length === 0) {
    void vscode.window.showInformationMessage(
      "regscan: no FROM line of this Dockerfile names an image regscan can scan.",
    );
    return undefined;
  }
  if (scannable.length === 1) return scannable[0];
  const chosen = await vscode.window.showQuickPick(
    scannable.map((a) => ({ label: a.reference, description: `line ${a.line.line + 1}`, a })),
    { title: "regscan: scan which image?" },
  );
  return chosen?.a;
}
