import type { FakeReply } from "./fake-scaleway-bodies.js";
import { invalidArguments, permissionsDenied, resourceNotFound } from "./fake-scaleway-bodies.js";
import { canSee, FAKE_REGIONS, type FakeKey, type FakeRegion, type FakeScalewayState } from "./fake-scaleway-state.js";

const ORDERS = ["created_at_asc", "created_at_desc", "name_asc", "name_desc", "description_asc", "description_desc"];

/** Answers one authenticated GET below `/registry/v1/regions/`. */
export function route(state: FakeScalewayState, key: FakeKey, path: string, query: URLSearchParams): FakeReply {
  const match = /^\/registry\/v1\/regions\/([^/]+)\/(namespaces|images|tags)(?:\/([^/]+))?(\/tags)?$/.exec(path);
  const region = match?.[1];
  if (!match || !FAKE_REGIONS.includes(region as FakeRegion))
    return { status: 404, body: { message: "unknown route", type: "not_found" } };
  const [, , collection, id, tagsOfImage] = match;
  if (key.hasRegistryPermission === false) return permissionsDenied(`api_${collection?.replace(/s$/, "")}`);
  const inRegion = state.namespaces.filter((ns) => ns.region === region);

  if (collection === "namespaces" && id === undefined) {
    const projectId = query.get("project_id");
    if (projectId !== null && !canSee(key, projectId)) return permissionsDenied("api_namespace");
    const items = inRegion.filter(
      (ns) => canSee(key, ns.project_id) && (projectId === null || ns.project_id === projectId),
    );
    return list("namespaces", filterByName(items, query), query);
  }
  if (collection === "namespaces" && id !== undefined && tagsOfImage === undefined) {
    const ns = inRegion.find((n) => n.id === id);
    if (!ns) return resourceNotFound("namespace", id);
    return canSee(key, ns.project_id) ? { status: 200, body: ns } : permissionsDenied("api_namespace");
  }
  if (collection === "images" && id === undefined) {
    const namespaceId = query.get("namespace_id");
    const projectId = query.get("project_id");
    if (projectId !== null && !canSee(key, projectId)) return permissionsDenied("api_image");
    const ns = namespaceId === null ? undefined : inRegion.find((n) => n.id === namespaceId);
    if (ns && !canSee(key, ns.project_id)) return permissionsDenied("api_image");
    const items = state.images.filter((image) => {
      const owner = state.namespaceOf(image);
      if (!owner || owner.region !== region || !canSee(key, owner.project_id)) return false;
      return (
        (namespaceId === null || image.namespace_id === namespaceId) &&
        (projectId === null || owner.project_id === projectId)
      );
    });
    return list("images", filterByName(items, query), query);
  }
  if (collection === "images" && id !== undefined) {
    const image = state.images.find((i) => i.id === id);
    const owner = image && state.namespaceOf(image);
    if (!image || !owner || owner.region !== region) return resourceNotFound("image", id);
    if (!canSee(key, owner.project_id)) return permissionsDenied("api_image");
    if (tagsOfImage === undefined) return { status: 200, body: image };
    return list(
      "tags",
      filterByName(
        state.tags.filter((t) => t.image_id === id),
        query,
      ),
      query,
    );
  }
  if (collection === "tags" && id !== undefined && tagsOfImage === undefined) {
    const tag = state.tags.find((t) => t.id === id);
    const image = tag && state.images.find((i) => i.id === tag.image_id);
    const owner = image && state.namespaceOf(image);
    if (!tag || !owner || owner.region !== region) return resourceNotFound("tag", id);
    return canSee(key, owner.project_id) ? { status: 200, body: tag } : permissionsDenied("api_tag");
  }
  return { status: 404, body: { message: "unknown route", type: "not_found" } };
}

function filterByName<T extends { name: string }>(items: T[], query: URLSearchParams): T[] {
  const name = query.get("name");
  return name === null ? items : items.filter((item) => item.name === name);
}

function list<T extends { name: string; created_at: string; description?: string }>(
  key: "namespaces" | "images" | "tags",
  items: T[],
  query: URLSearchParams,
): FakeReply {
  const page = Number(query.get("page") ?? "1");
  const pageSize = Number(query.get("page_size") ?? "20");
  const orderBy = query.get("order_by") ?? "created_at_asc";
  if (!Number.isInteger(page) || page < 1) return invalidArguments("page", "must be greater than or equal to 1");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return invalidArguments("page_size", "must be between 1 and 100");
  }
  if (!ORDERS.includes(orderBy) || (orderBy.startsWith("description") && key !== "namespaces")) {
    return invalidArguments("order_by", "unknown value");
  }
  const [field, direction] = [orderBy.replace(/_(asc|desc)$/, ""), orderBy.endsWith("_desc") ? -1 : 1];
  const sorted = [...items].sort((a, b) => {
    const pick = (x: T): string =>
      field === "name" ? x.name : field === "description" ? (x.description ?? "") : x.created_at;
    return pick(a) < pick(b) ? -direction : pick(a) > pick(b) ? direction : 0;
  });
  return {
    status: 200,
    body: { [key]: sorted.slice((page - 1) * pageSize, page * pageSize), total_count: items.length },
  };
}
