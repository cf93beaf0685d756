/**
 * The Registries tree without VS Code: credentials → namespaces → images → tags, each level loaded
 * page by page through the API (with the API's `q` filter), and a failure of a level turned into an
 * error node of that level instead of a thrown error.
 */

import type { Credential, Image, Namespace, Page, Tag } from "../api/api-types.js";
import type { BrowseOptions, RegscanApi } from "../api/regscan-api.js";
import { describe } from "../errors/describe-failure.js";
import { type ErrorMessage, messageFor } from "../errors/error-messages.js";
import { addPage, emptyListing, type PagedListing } from "./paged-listing.js";

export type RegistryNode =
  | { kind: "credential"; key: string; credential: Credential }
  | { kind: "namespace"; key: string; credential: Credential; namespace: Namespace }
  | { kind: "image"; key: string; credential: Credential; namespace: string; image: Image }
  | { kind: "tag"; key: string; credential: Credential; namespace: string; image: string; tag: Tag }
  | { kind: "loadMore"; key: string; parentKey: string }
  | {
      kind: "error";
      key: string;
      parentKey: string;
      code: string;
      detail: string;
      message: ErrorMessage;
      credential?: Credential;
    }
  | { kind: "notice"; key: string; parentKey: string; text: string };

export type ParentNode = Extract<RegistryNode, { kind: "credential" | "namespace" | "image" }>;

type Item = Namespace | Image | Tag;

interface Level {
  listing: PagedListing<Item>;
  filter: string;
  /** The next load bypasses the API's listing cache (after a refresh). */
  refresh: boolean;
  error: { code: string; detail: string } | null;
  /** The load in flight: a second caller waits for it instead of loading the same page again. */
  pending?: Promise<void> | undefined;
}

export const ROOT_KEY = "root";

export class RegistryTreeModel {
  private credentials: Credential[] | null = null;
  private rootError: { code: string; detail: string } | null = null;
  private rootPending: Promise<void> | null = null;
  private readonly levels = new Map<string, Level>();
  private readonly parents = new Map<string, ParentNode>();

  constructor(
    private readonly source: () => { api: RegscanApi; projectId: string } | null,
    private readonly pageSize = 100,
  ) {}

  /** True once the credentials are loaded and there are none (the welcome view says what to do). */
  get hasNoCredentials(): boolean {
    return this.credentials !== null && this.credentials.length === 0;
  }

  async children(parent?: RegistryNode): Promise<RegistryNode[]> {
    if (!parent) return this.rootChildren();
    if (parent.kind !== "credential" && parent.kind !== "namespace" && parent.kind !== "image") return [];
    this.parents.set(parent.key, parent);
    const level = this.level(parent.key);
    if (level.pending) await level.pending;
    else if (level.listing.pages === 0 && level.error === null) await this.load(parent, level);
    return this.present(parent, level);
  }

  /** Loads the next page of a level (the "Load more…" node). */
  async loadMore(parentKey: string): Promise<void> {
    const parent = this.parents.get(parentKey);
    const level = this.levels.get(parentKey);
    if (!parent || !level || level.listing.nextCursor === null) return;
    await this.load(parent, level);
  }

  /** Sets the API `q` filter of a level's children ("" clears it); the level reloads. */
  setFilter(parentKey: string, filter: string): void {
    const level = this.level(parentKey);
    this.levels.set(parentKey, { ...freshLevel(), filter: filter.trim(), refresh: level.refresh });
  }

  filterOf(parentKey: string): string {
    return this.levels.get(parentKey)?.filter ?? "";
  }

  /** Forgets a level (or everything) so it loads again, bypassing the API's listing cache. */
  refresh(parentKey?: string): void {
    if (parentKey === undefined || parentKey === ROOT_KEY) {
      this.credentials = null;
      this.rootError = null;
      for (const [key, level] of this.levels)
        this.levels.set(key, { ...freshLevel(), filter: level.filter, refresh: true });
      return;
    }
    for (const key of [...this.levels.keys()]) {
      if (key === parentKey || key.startsWith(`${parentKey}/`)) {
        const filter = this.levels.get(key)?.filter ?? "";
        this.levels.set(key, { ...freshLevel(), filter, refresh: true });
      }
    }
  }

  /** Parents whose level has more pages, for the palette's "Load more". */
  levelsWithMore(): ParentNode[] {
    return [...this.levels.entries()]
      .filter(([, l]) => l.listing.nextCursor !== null)
      .map(([k]) => this.parents.get(k))
      .filter((p): p is ParentNode => p !== undefined);
  }

  private async rootChildren(): Promise<RegistryNode[]> {
    const src = this.source();
    if (!src) return [];
    if (this.credentials === null && this.rootError === null) {
      this.rootPending ??= (async () => {
        try {
          this.credentials = [...(await src.api.credentials(src.projectId))].sort((a, b) =>
            (a.description ?? a.namespace).localeCompare(b.description ?? b.namespace),
          );
        } catch (error) {
          this.rootError = describe(error);
        } finally {
          this.rootPending = null;
        }
      })();
      await this.rootPending;
    }
    if (this.rootError) return [errorNode(ROOT_KEY, this.rootError)];
    return (this.credentials ?? []).map((credential) => ({
      kind: "credential" as const,
      key: `c:${credential.id}`,
      credential,
    }));
  }

  private level(key: string): Level {
    let level = this.levels.get(key);
    if (!level) {
      level = freshLevel();
      this.levels.set(key, level);
    }
    return level;
  }

  private load(parent: ParentNode, level: Level): Promise<void> {
    const src = this.source();
    if (!src) return Promise.resolve();
    if (level.pending) return level.pending;
    const options: BrowseOptions = { limit: this.pageSize, cursor: level.listing.nextCursor };
    if (level.filter) options.q = level.filter;
    if (level.refresh) options.refresh = true;
    level.pending = (async () => {
      try {
        const page = await fetchPage(src.api, src.projectId, parent, options);
        level.listing = addPage(level.listing, page);
        level.error = null;
        level.refresh = false;
      } catch (error) {
        level.error = describe(error);
      } finally {
        level.pending = undefined;
      }
    })();
    return level.pending;
  }

  private present(parent: ParentNode, level: Level): RegistryNode[] {
    const nodes: RegistryNode[] = [];
    const c = parent.credential;
    if (parent.kind === "credential") {
      for (const n of level.listing.items as Namespace[]) {
        nodes.push({ kind: "namespace", key: `${parent.key}/${n.name}`, credential: c, namespace: n });
      }
    } else if (parent.kind === "namespace") {
      for (const i of level.listing.items as Image[]) {
        const ns = parent.namespace.name;
        nodes.push({ kind: "image", key: `${parent.key}/${i.name}`, credential: c, namespace: ns, image: i });
      }
    } else {
      for (const t of newestFirst(level.listing.items as Tag[])) {
        const { namespace, image } = parent;
        nodes.push({
          kind: "tag",
          key: `${parent.key}:${t.name}`,
          credential: c,
          namespace,
          image: image.name,
          tag: t,
        });
      }
    }
    if (nodes.length === 0 && level.error === null && level.listing.pages > 0) {
      const what = { credential: "namespaces", namespace: "images", image: "tags" }[parent.kind];
      const text = level.filter ? `No ${what} match "${level.filter}".` : `No ${what}.`;
      nodes.push({ kind: "notice", key: `${parent.key}#empty`, parentKey: parent.key, text });
    }
    if (level.listing.stopped) {
      nodes.push({ kind: "notice", key: `${parent.key}#stopped`, parentKey: parent.key, text: level.listing.stopped });
    }
    if (level.error) nodes.push({ ...errorNode(parent.key, level.error), credential: c });
    else if (level.listing.nextCursor !== null) {
      nodes.push({ kind: "loadMore", key: `${parent.key}#more`, parentKey: parent.key });
    }
    return nodes;
  }
}

function freshLevel(): Level {
  return { listing: emptyListing<Item>(), filter: "", refresh: false, error: null };
}

function fetchPage(api: RegscanApi, projectId: string, parent: ParentNode, o: BrowseOptions): Promise<Page<Item>> {
  const id = parent.credential.id;
  switch (parent.kind) {
    case "credential":
      return api.namespaces(projectId, id, o);
    case "namespace":
      return api.images(projectId, id, parent.namespace.name, o);
    case "image":
      return api.tags(projectId, id, parent.namespace, parent.image.name, o);
  }
}

function newestFirst(tags: Tag[]): Tag[] {
  const time = (t: Tag) => Date.parse(t.createdAt ?? t.updatedAt ?? "") || 0;
  return [...tags].sort((a, b) => time(b) - time(a) || a.name.localeCompare(b.name));
}

function errorNode(parentKey: string, e: { code: string; detail: string }): Extract<RegistryNode, { kind: "error" }> {
  return {
    kind: "error",
    key: `${parentKey}#error`,
    parentKey,
    code: e.code,
    detail: e.detail,
    message: messageFor(e.code),
  };
}
