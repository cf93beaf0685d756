import * as vscode from "vscode";
import type { NodeLook } from "../tree/present-registry-node.js";

/** A TreeItem from a node's look (the one place looks meet VS Code). */
export function treeItem(look: NodeLook, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(
    look.label,
    look.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = id;
  if (look.description !== undefined) item.description = look.description;
  item.tooltip = look.tooltip;
  item.iconPath = new vscode.ThemeIcon(look.icon, look.iconColor ? new vscode.ThemeColor(look.iconColor) : undefined);
  item.contextValue = look.contextValue;
  if (look.command)
    item.command = { command: look.command.id, title: look.command.title, arguments: look.command.args };
  return item;
}
