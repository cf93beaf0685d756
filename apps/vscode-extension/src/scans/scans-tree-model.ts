/**
 * The Scans tree without VS Code: the project's recent scans (newest first, page by page) →
 * severity groups of a succeeded scan → its findings of that severity, page by page.
 */
import { type Finding, type Page, type Scan, SEVERITY_ORDER, type Severity } from "../api/api-types.js";
import type { RegscanApi } from "../api/regscan-api.js";
import { describe } from "../errors/describe-failure.js";
import { type ErrorMessage, messageFor } from "../errors/error-messages.js";
import { summaryKey } from "../format/counts.js";
import { addPage, emptyListing, type PagedListing } from "../tree/paged-listing.js";

export type ScansNode =
  | { kind: "scan"; key: string; scan: Scan }
  | { kind: "group"; key: string; scan: Scan; severity: Severity; count: number }
  | { kind: "finding"; key: string; scan: Scan; finding: Finding }
  | { kind: "loadMore"; key: string; parentKey: string }
  | { kind: "error"; key: string; parentKey: string; code: string; detail: string; message: ErrorMessage }
  | { kind: "notice"; key: string; parentKey: string; text: string };

interface Level<T> {
  listing: PagedListing<T>;
  error: { code: string; detail: string } | null;
  pending?: Promise<void> | undefined;
}

const ROOT = "scans";

export class ScansTreeModel {
  private readonly levels = new Map<string, Level<Scan | Finding>>();
  private readonly groups = new Map<string, Extract<ScansNode, { kind: "group" }>>();

  constructor(
    private readonly source: () => { api: RegscanApi; projectId: string } | null,
    private readonly rootPageSize = 20,
  ) {}

  async children(parent?: ScansNode): Promise<ScansNode[]> {
    if (!parent) return this.rootChildren();
    if (parent.kind === "scan") return groupsOf(parent);
    if (parent.kind === "group") return this.groupChildren(parent);
    return [];
  }

  /** Scans loaded so far (the status bar counts the running ones). */
  loadedScans(): Scan[] {
    return (this.levels.get(ROOT)?.listing.items ?? []) as Scan[];
  }

  async loadMore(parentKey: string): Promise<void> {
    const level = this.levels.get(parentKey);
    if (!level || level.listing.nextCursor === null) return;
    if (parentKey === ROOT) await this.load(ROOT, (cursor) => this.fetchScans(cursor));
    else {
      const group = this.groups.get(parentKey);
      if (group) await this.load(parentKey, (cursor) => this.fetchFindings(group, cursor));
    }
  }

  refresh(): void {
    this.levels.clear();
    this.groups.clear();
  }

  private async rootChildren(): Promise<ScansNode[]> {
    if (!this.source()) return [];
    const root = this.levels.get(ROOT);
    if (!root) await this.load(ROOT, (cursor) => this.fetchScans(cursor));
    else if (root.pending) await root.pending;
    const level = this.levels.get(ROOT) as Level<Scan>;
    const nodes: ScansNode[] = level.listing.items.map((scan) => ({ kind: "scan", key: `s:${scan.id}`, scan }));
    return [...nodes, ...this.tail(ROOT, level, "No scans yet: scan a tag from the Registries view.")];
  }

  private async groupChildren(group: Extract<ScansNode, { kind: "group" }>): Promise<ScansNode[]> {
    this.groups.set(group.key, group);
    const existing = this.levels.get(group.key);
    if (!existing) await this.load(group.key, (cursor) => this.fetchFindings(group, cursor));
    else if (existing.pending) await existing.pending;
    const level = this.levels.get(group.key) as Level<Finding>;
    const nodes: ScansNode[] = level.listing.items.map((finding) => ({
      kind: "finding",
      key: `${group.key}/${finding.id}`,
      scan: group.scan,
      finding,
    }));
    return [...nodes, ...this.tail(group.key, level, "No findings.")];
  }

  private tail(key: string, level: Level<unknown>, empty: string): ScansNode[] {
    const out: ScansNode[] = [];
    if (level.listing.items.length === 0 && level.error === null) {
      out.push({ kind: "notice", key: `${key}#empty`, parentKey: key, text: empty });
    }
    if (level.listing.stopped)
      out.push({ kind: "notice", key: `${key}#stopped`, parentKey: key, text: level.listing.stopped });
    if (level.error) {
      out.push({
        kind: "error",
        key: `${key}#error`,
        parentKey: key,
        ...level.error,
        message: messageFor(level.error.code),
      });
    } else if (level.listing.nextCursor !== null) out.push({ kind: "loadMore", key: `${key}#more`, parentKey: key });
    return out;
  }

  /** Loads the next page of a level; a caller arriving during a load waits for that same load. */
  private load<T extends Scan | Finding>(
    key: string,
    fetch: (cursor: string | null) => Promise<Page<T>>,
  ): Promise<void> {
    const level = (this.levels.get(key) ?? { listing: emptyListing(), error: null }) as Level<T>;
    this.levels.set(key, level as Level<Scan | Finding>);
    if (level.pending) return level.pending;
    level.pending = (async () => {
      try {
        level.listing = addPage(level.listing, await fetch(level.listing.nextCursor));
        level.error = null;
      } catch (error) {
        level.error = describe(error);
      } finally {
        level.pending = undefined;
      }
    })();
    return level.pending;
  }

  private fetchScans(cursor: string | null): Promise<Page<Scan>> {
    const src = this.source();
    if (!src) return Promise.resolve({ items: [], nextCursor: null });
    return src.api.listScans(src.projectId, { cursor, limit: this.rootPageSize });
  }

  private fetchFindings(group: Extract<ScansNode, { kind: "group" }>, cursor: string | null): Promise<Page<Finding>> {
    const src = this.source();
    if (!src) return Promise.resolve({ items: [], nextCursor: null });
    return src.api.findings(src.projectId, group.scan.id, { severity: group.severity, cursor, limit: 100 });
  }
}

/** The severity groups of a scan, highest first; a scan that did not succeed says why instead. */
export function groupsOf(node: Extract<ScansNode, { kind: "scan" }>): ScansNode[] {
  const { scan } = node;
  if (scan.status === "failed" || (scan.error && scan.status !== "succeeded")) {
    const code = scan.error?.code ?? "scan_failed";
    return [
      {
        kind: "error",
        key: `${node.key}#error`,
        parentKey: node.key,
        code,
        detail: scan.error?.message ?? "",
        message: messageFor(code),
      },
    ];
  }
  if (scan.status !== "succeeded" || !scan.summary) {
    const text = scan.status === "cancelled" ? "Cancelled." : "Not finished yet: refresh to see the result.";
    return [{ kind: "notice", key: `${node.key}#status`, parentKey: node.key, text }];
  }
  const summary = scan.summary;
  const groups: ScansNode[] = SEVERITY_ORDER.filter((s) => summary[summaryKey(s)] > 0).map((severity) => ({
    kind: "group",
    key: `${node.key}/${severity}`,
    scan,
    severity,
    count: summary[summaryKey(severity)],
  }));
  if (groups.length === 0)
    return [{ kind: "notice", key: `${node.key}#clean`, parentKey: node.key, text: "No vulnerabilities found." }];
  return groups;
}
