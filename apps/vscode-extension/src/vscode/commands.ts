/**
 * Every command of the extension (those about scans in scan-commands.ts). Each works from its tree
 * item, from a CodeLens, or from the palette without one (quick-pick drill-down). Results are
 * returned, so they can be chained.
 */
import * as vscode from "vscode";
import type { RegistryNode } from "../tree/registry-tree-model.js";
import { type PickedTag, pickCredential, pickTag } from "./pickers.js";
import { isScansNode, scanCommands } from "./scan-commands.js";
import type { Services } from "./services.js";
import { describeError } from "./session.js";

type TagNode = Extract<RegistryNode, { kind: "tag" }>;
type ParentNode = Extract<RegistryNode, { kind: "credential" | "namespace" | "image" }>;

export function registerCommands(s: Services): vscode.Disposable[] {
  const signedIn = () => {
    const current = s.session.current;
    if (!current) void vscode.window.showInformationMessage("regscan: sign in first (regscan: Sign in).");
    return current;
  };
  const tagOrPick = async (node?: TagNode): Promise<PickedTag | undefined> => {
    if (node?.kind === "tag") return node;
    const current = signedIn();
    return current ? pickTag(current) : undefined;
  };

  // biome-ignore lint/suspicious/noExplicitAny: VS Code passes whatever the caller gave (tree item, CodeLens arguments, nothing).
  const commands: Record<string, (...args: any[]) => unknown> = {
    "regscan.auth.signIn": (token?: string) => s.session.signIn(typeof token === "string" ? token : undefined),
    "regscan.auth.signOut": () => s.session.signOut(),
    "regscan.project.select": () => s.session.selectProject(),
    "regscan.output.show": () => s.log.channel.show(true),

    "regscan.registries.refresh": () => {
      s.registries.refresh();
      s.index.clear();
    },
    "regscan.registries.loadMore": async (node?: RegistryNode) => {
      const parentKey =
        node?.kind === "loadMore" ? node.parentKey : await pickLevel(s, s.registries.model.levelsWithMore());
      if (!parentKey) return;
      await s.registries.model.loadMore(parentKey);
      s.registries.changedAt(parentKey);
    },
    "regscan.registries.filter": async (node?: ParentNode) => {
      const parent = isParent(node) ? node : await pickParent(s);
      if (!parent) return;
      const value = await vscode.window.showInputBox({
        title: `regscan: filter the children of ${parent.kind} ${labelOf(parent)}`,
        prompt: "Part of the name (case-insensitive); empty to clear",
        value: s.registries.model.filterOf(parent.key),
      });
      if (value === undefined) return;
      s.registries.model.setFilter(parent.key, value);
      s.registries.changedAt(parent.key);
      await s.registries.view.reveal(parent, { expand: true }).then(undefined, () => undefined);
    },
    "regscan.registries.retry": (node?: Extract<RegistryNode, { kind: "error" }>) => {
      s.registries.refresh(node?.parentKey);
    },
    "regscan.credential.verify": async (node?: RegistryNode) => {
      const current = signedIn();
      if (!current) return undefined;
      const credential =
        node && "credential" in node && node.credential ? node.credential : await pickCredential(current);
      if (!credential) return undefined;
      try {
        const verified = await current.api.verifyCredential(credential.orgId, credential.id);
        void vscode.window.showInformationMessage(
          `regscan: credential ${verified.description || verified.namespace} is ${verified.status}.`,
        );
        return verified;
      } catch (error) {
        void vscode.window.showErrorMessage(`regscan: re-verifying failed. ${describeError(error)}`);
        return undefined;
      } finally {
        // A failed check also changes the credential (status invalid): show what the API now says.
        s.registries.refresh();
        s.index.clear();
      }
    },

    "regscan.tag.scan": async (node?: TagNode) => {
      const tag = await tagOrPick(node);
      if (!tag) return undefined;
      return s.runner.scan({ credentialId: tag.credential.id, image: tag.tag.imageRef });
    },
    "regscan.tag.copyReference": async (node?: TagNode) => {
      const tag = await tagOrPick(node);
      if (!tag) return undefined;
      await vscode.env.clipboard.writeText(tag.tag.imageRef);
      return tag.tag.imageRef;
    },
    "regscan.tag.copyDigest": async (node?: TagNode) => {
      const tag = await tagOrPick(node);
      if (!tag) return undefined;
      await vscode.env.clipboard.writeText(tag.tag.digest);
      return tag.tag.digest;
    },
    "regscan.tag.openLastScan": async (node?: TagNode) => {
      const tag = await tagOrPick(node);
      const current = s.session.current;
      if (!tag || !current) return undefined;
      const page = await current.api.listScans(current.projectId, { image: tag.tag.imageRef, limit: 1 });
      const last = page.items[0];
      if (!last) {
        void vscode.window.showInformationMessage(`regscan: ${tag.tag.imageRef} has not been scanned yet.`);
        return undefined;
      }
      await s.summaries.show(last);
      return last;
    },

    ...scanCommands(s, signedIn),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}

function isParent(v: unknown): v is ParentNode {
  return isScansNode(v) && ["credential", "namespace", "image"].includes((v as { kind: string }).kind);
}

function labelOf(node: ParentNode): string {
  if (node.kind === "credential") return node.credential.description || node.credential.namespace;
  if (node.kind === "namespace") return node.namespace.name;
  return node.image.name;
}

async function pickLevel(_s: Services, parents: ParentNode[]): Promise<string | undefined> {
  if (parents.length === 0) {
    void vscode.window.showInformationMessage("regscan: every open list is complete.");
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    parents.map((p) => ({ label: labelOf(p), description: p.kind, key: p.key })),
    { title: "regscan: load more of" },
  );
  return chosen?.key;
}

async function pickParent(s: Services): Promise<ParentNode | undefined> {
  const shown = s.registries.shown("credential", "namespace", "image");
  if (shown.length === 0) {
    void vscode.window.showInformationMessage("regscan: open the Registries view first.");
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    shown.map((p) => ({
      label: labelOf(p),
      description: `filter its ${{ credential: "namespaces", namespace: "images", image: "tags" }[p.kind]}`,
      node: p,
    })),
    { title: "regscan: filter which list?" },
  );
  return chosen?.node;
}
