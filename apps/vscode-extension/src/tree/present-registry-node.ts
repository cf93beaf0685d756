/** How each Registries node looks: label, description, tooltip, icon, menus (no VS Code import). */

import { plural } from "../format/counts.js";
import { ago, bytes } from "../format/time-and-size.js";
import type { RegistryNode } from "./registry-tree-model.js";

export interface NodeLook {
  label: string;
  description?: string;
  tooltip: string;
  /** A codicon name. */
  icon: string;
  /** A theme colour id for the icon (`errorForeground`). */
  iconColor?: string;
  /** `when` clauses of the menus match on it. */
  contextValue: string;
  expandable: boolean;
  /** Run when the node is clicked. */
  command?: { id: string; title: string; args: unknown[] };
}

export function presentRegistryNode(node: RegistryNode, now: Date = new Date()): NodeLook {
  switch (node.kind) {
    case "credential": {
      const c = node.credential;
      const status = c.status === "active" ? "" : ` · ${c.status}`;
      return {
        label: c.description || c.namespace,
        description: `${c.region}${status}`,
        tooltip: [
          `Scaleway project ${c.scalewayProjectId}, region ${c.region}`,
          `Namespace ${c.namespace}`,
          `Status: ${c.status}${c.lastVerifiedAt ? ` (verified ${ago(c.lastVerifiedAt, now)})` : ""}`,
        ].join("\n"),
        icon: c.status === "invalid" ? "warning" : "key",
        contextValue: "regscan.credential",
        expandable: true,
      };
    }
    case "namespace": {
      const n = node.namespace;
      return {
        label: n.name,
        description: plural(n.imageCount, "image"),
        tooltip: `${n.endpoint}\n${n.description || "No description"}\n${plural(n.imageCount, "image")}, ${bytes(n.size)}${n.isPublic ? ", public" : ""}`,
        icon: "repo",
        contextValue: "regscan.namespace",
        expandable: true,
      };
    }
    case "image": {
      const i = node.image;
      const updated = i.updatedAt ? ` · updated ${ago(i.updatedAt, now)}` : "";
      return {
        label: i.name,
        description: `${plural(i.tags.length, "tag")}${updated}`,
        tooltip: `${node.namespace}/${i.name}\n${bytes(i.size)}, visibility ${i.visibility}`,
        icon: "package",
        contextValue: "regscan.image",
        expandable: true,
      };
    }
    case "tag": {
      const t = node.tag;
      const at = t.createdAt ?? t.updatedAt;
      return {
        label: t.name,
        ...(at ? { description: ago(at, now) } : {}),
        tooltip: `${t.imageRef}\nDigest: ${t.digest}${at ? `\nPushed ${ago(at, now)} (${at})` : ""}`,
        icon: "tag",
        contextValue: "regscan.tag",
        expandable: false,
      };
    }
    case "loadMore":
      return loadMoreLook("regscan.registries.loadMore", node);
    case "error":
      return errorLook(node, `regscan.error.${node.message.action}`);
    case "notice":
      return { label: node.text, tooltip: node.text, icon: "info", contextValue: "regscan.notice", expandable: false };
  }
}

/** The "Load more…" node at the end of a paged level; clicking it runs `commandId` with the node. */
export function loadMoreLook(commandId: string, node: unknown): NodeLook {
  return {
    label: "Load more…",
    tooltip: "Load the next page",
    icon: "ellipsis",
    contextValue: "regscan.loadMore",
    expandable: false,
    command: { id: commandId, title: "Load more", args: [node] },
  };
}

/** A level that failed: the problem's title, its code, and what to check, in the error colour. */
export function errorLook(
  node: { code: string; detail: string; message: { title: string; check: string } },
  contextValue: string,
): NodeLook {
  return {
    label: node.message.title,
    description: node.code,
    tooltip: `${node.detail}\n\n${node.message.check}`,
    icon: "error",
    iconColor: "errorForeground",
    contextValue,
    expandable: false,
  };
}
