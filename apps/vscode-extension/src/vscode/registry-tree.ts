/** The Registries view: RegistryTreeModel behind a TreeDataProvider (no UI side effects). */
import * as vscode from "vscode";
import { presentRegistryNode } from "../tree/present-registry-node.js";
import { type RegistryNode, RegistryTreeModel, ROOT_KEY } from "../tree/registry-tree-model.js";
import type { Session } from "./session.js";
import { treeItem } from "./tree-item.js";

export class RegistryTree implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  readonly model: RegistryTreeModel;
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<RegistryNode>;
  /** Every node shown so far, by key, with its parent. */
  private readonly nodes = new Map<string, { node: RegistryNode; parent: RegistryNode | undefined }>();

  constructor(session: Session) {
    this.model = new RegistryTreeModel(session.source);
    this.view = vscode.window.createTreeView("regscan.registries", { treeDataProvider: this, showCollapseAll: true });
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    const item = treeItem(presentRegistryNode(node), node.key);
    const filter = this.model.filterOf(node.key);
    if (filter) item.description = `${item.description ?? ""} · filter "${filter}"`.replace(/^ · /, "");
    return item;
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    const children = await this.model.children(node);
    for (const child of children) this.nodes.set(child.key, { node: child, parent: node });
    if (!node) await vscode.commands.executeCommand("setContext", "regscan.noCredentials", this.model.hasNoCredentials);
    return children;
  }

  getParent(node: RegistryNode): RegistryNode | undefined {
    return this.nodes.get(node.key)?.parent;
  }

  node(key: string): RegistryNode | undefined {
    return this.nodes.get(key)?.node;
  }

  /** Shown nodes of some kinds (the palette's pickers offer them). */
  shown<K extends RegistryNode["kind"]>(...kinds: K[]): Extract<RegistryNode, { kind: K }>[] {
    return [...this.nodes.values()]
      .map((n) => n.node)
      .filter((n): n is Extract<RegistryNode, { kind: K }> => (kinds as string[]).includes(n.kind));
  }

  /** Re-renders a level (or everything) after the model changed. */
  changedAt(parentKey?: string): void {
    const node = parentKey === undefined || parentKey === ROOT_KEY ? undefined : this.node(parentKey);
    this.changed.fire(node);
  }

  refresh(parentKey?: string): void {
    this.model.refresh(parentKey);
    if (parentKey === undefined) this.nodes.clear();
    this.changedAt(parentKey);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
