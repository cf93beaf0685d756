/** The Scans view: ScansTreeModel behind a TreeDataProvider. */
import * as vscode from "vscode";
import { presentScansNode } from "../scans/present-scans-node.js";
import { type ScansNode, ScansTreeModel } from "../scans/scans-tree-model.js";
import type { Session } from "./session.js";
import { treeItem } from "./tree-item.js";

export class ScansTree implements vscode.TreeDataProvider<ScansNode>, vscode.Disposable {
  readonly model: ScansTreeModel;
  private readonly changed = new vscode.EventEmitter<ScansNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ScansNode>;
  private readonly nodes = new Map<string, { node: ScansNode; parent: ScansNode | undefined }>();

  constructor(session: Session) {
    this.model = new ScansTreeModel(session.source);
    this.view = vscode.window.createTreeView("regscan.scans", { treeDataProvider: this, showCollapseAll: true });
  }

  getTreeItem(node: ScansNode): vscode.TreeItem {
    return treeItem(presentScansNode(node), node.key);
  }

  async getChildren(node?: ScansNode): Promise<ScansNode[]> {
    const children = await this.model.children(node);
    for (const child of children) this.nodes.set(child.key, { node: child, parent: node });
    return children;
  }

  getParent(node: ScansNode): ScansNode | undefined {
    return this.nodes.get(node.key)?.parent;
  }

  changedAt(parentKey?: string): void {
    this.changed.fire(parentKey ? this.nodes.get(parentKey)?.node : undefined);
  }

  refresh(): void {
    this.model.refresh();
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
