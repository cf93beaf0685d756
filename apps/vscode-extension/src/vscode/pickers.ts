/**
 * Quick-pick drill-downs for palette commands run without a tree item: credential → namespace →
 * image → tag, recent scans, findings. Each list is the API's first page (up to 100).
 */
import * as vscode from "vscode";
import type { Credential, Finding, Scan, Tag } from "../api/api-types.js";
import { scanDescription, shortImage } from "../scans/present-scans-node.js";
import { describeError, type SignedIn } from "./session.js";

async function pick<T>(title: string, load: () => Promise<{ label: string; description?: string; value: T }[]>) {
  try {
    const items = await load();
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`regscan: nothing to pick (${title}).`);
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, ignoreFocusOut: true });
    return chosen?.value;
  } catch (error) {
    void vscode.window.showErrorMessage(`regscan: ${describeError(error)}`);
    return undefined;
  }
}

export function pickCredential(s: SignedIn): Promise<Credential | undefined> {
  return pick("regscan: credential", async () =>
    (await s.api.credentials(s.projectId)).map((c) => ({
      label: c.description || c.namespace,
      description: `${c.region} · ${c.namespace}`,
      value: c,
    })),
  );
}

export interface PickedTag {
  credential: Credential;
  namespace: string;
  image: string;
  tag: Tag;
}

export async function pickTag(s: SignedIn): Promise<PickedTag | undefined> {
  const credential = await pickCredential(s);
  if (!credential) return undefined;
  const namespace = await pick("regscan: namespace", async () =>
    (await s.api.namespaces(s.projectId, credential.id)).items.map((n) => ({
      label: n.name,
      description: n.endpoint,
      value: n.name,
    })),
  );
  if (!namespace) return undefined;
  const image = await pick("regscan: image", async () =>
    (await s.api.images(s.projectId, credential.id, namespace)).items.map((i) => ({ label: i.name, value: i.name })),
  );
  if (!image) return undefined;
  const tag = await pick("regscan: tag", async () =>
    (await s.api.tags(s.projectId, credential.id, namespace, image)).items.map((t) => ({
      label: t.name,
      description: t.digest,
      value: t,
    })),
  );
  return tag ? { credential, namespace, image, tag } : undefined;
}

export function pickScan(s: SignedIn, filter: (scan: Scan) => boolean = () => true): Promise<Scan | undefined> {
  return pick("regscan: scan", async () =>
    (await s.api.listScans(s.projectId, { limit: 50 })).items.filter(filter).map((scan) => ({
      label: shortImage(scan.image),
      description: scanDescription(scan),
      value: scan,
    })),
  );
}

export function pickFinding(s: SignedIn, scan: Scan): Promise<Finding | undefined> {
  return pick("regscan: finding", async () =>
    (await s.api.findings(s.projectId, scan.id, { limit: 100 })).items.map((f) => ({
      label: `${f.vulnerabilityId} · ${f.packageName}`,
      description: `${f.severity.toLowerCase()} · ${f.packageVersion} → ${f.fixedVersion ?? "no fix yet"}`,
      value: f,
    })),
  );
}
