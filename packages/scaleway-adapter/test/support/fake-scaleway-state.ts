// Seedable in-memory state of the fake Scaleway Registry API (test support only).
// Wire shapes follow Scaleway's Registry API v1 (scaleway-sdk-js packages_generated/registry).

export const FAKE_REGIONS = ["fr-par", "nl-ams", "pl-waw"] as const;
export type FakeRegion = (typeof FAKE_REGIONS)[number];
export type FakeStatus = "unknown" | "ready" | "deleting" | "error" | "locked";

/** What a secret key may do. */
export interface FakeKey {
  /** Scaleway project ids the key can access, or "all" (an organization-wide policy). */
  projects: string[] | "all";
  /** False: the key has no Container Registry permission (every call → 403). Default true. */
  hasRegistryPermission?: boolean;
  /** True: the key was deleted (every call → 401). */
  revoked?: boolean;
}

/** A namespace as Scaleway returns it (snake_case). */
export interface WireNamespace {
  id: string;
  name: string;
  description: string;
  organization_id: string;
  project_id: string;
  status: FakeStatus;
  status_message: string;
  endpoint: string;
  is_public: boolean;
  size: number;
  created_at: string;
  updated_at: string;
  image_count: number;
  region: FakeRegion;
}

export interface WireImage {
  id: string;
  name: string;
  namespace_id: string;
  status: FakeStatus;
  status_message: string | null;
  visibility: "visibility_unknown" | "inherit" | "public" | "private";
  size: number;
  created_at: string;
  updated_at: string;
  tags: string[];
}

export interface WireTag {
  id: string;
  name: string;
  image_id: string;
  status: FakeStatus;
  digest: string;
  created_at: string;
  updated_at: string;
}

export const FAKE_ORGANIZATION_ID = "11111111-1111-4111-8111-111111111111";
const BASE_TIME = Date.UTC(2026, 0, 1);

/** Namespaces, images, tags and keys; ids and timestamps are sequential (deterministic). */
export class FakeScalewayState {
  readonly keys = new Map<string, FakeKey>();
  readonly namespaces: WireNamespace[] = [];
  readonly images: WireImage[] = [];
  readonly tags: WireTag[] = [];
  private seq = 0;

  private nextId(): string {
    this.seq += 1;
    return `00000000-0000-4000-8000-${this.seq.toString(16).padStart(12, "0")}`;
  }

  private nextTime(): string {
    return new Date(BASE_TIME + this.seq * 1000).toISOString().replace(".000Z", "Z");
  }

  addKey(secretKey: string, key: FakeKey): void {
    this.keys.set(secretKey, key);
  }

  addNamespace(input: {
    name: string;
    projectId: string;
    region?: FakeRegion;
    description?: string;
    isPublic?: boolean;
  }): WireNamespace {
    const region = input.region ?? "fr-par";
    const id = this.nextId();
    const at = this.nextTime();
    const ns: WireNamespace = {
      id,
      name: input.name,
      description: input.description ?? "",
      organization_id: FAKE_ORGANIZATION_ID,
      project_id: input.projectId,
      status: "ready",
      status_message: "",
      endpoint: `rg.${region}.scw.cloud/${input.name}`,
      is_public: input.isPublic ?? false,
      size: 0,
      created_at: at,
      updated_at: at,
      image_count: 0,
      region,
    };
    this.namespaces.push(ns);
    return ns;
  }

  addImage(
    namespace: WireNamespace,
    input: { name: string; visibility?: WireImage["visibility"]; size?: number },
  ): WireImage {
    const at = this.nextTime();
    const image: WireImage = {
      id: this.nextId(),
      name: input.name,
      namespace_id: namespace.id,
      status: "ready",
      status_message: null,
      visibility: input.visibility ?? "inherit",
      size: input.size ?? 0,
      created_at: at,
      updated_at: at,
      tags: [],
    };
    this.images.push(image);
    namespace.image_count += 1;
    namespace.size += image.size;
    return image;
  }

  addTag(image: WireImage, input: { name: string; digest?: string }): WireTag {
    const id = this.nextId();
    const at = this.nextTime();
    const tag: WireTag = {
      id,
      name: input.name,
      image_id: image.id,
      status: "ready",
      digest: input.digest ?? `sha256:${id.replaceAll("-", "").padStart(64, "0")}`,
      created_at: at,
      updated_at: at,
    };
    this.tags.push(tag);
    image.tags.push(tag.name);
    return tag;
  }

  namespaceOf(image: WireImage): WireNamespace | undefined {
    return this.namespaces.find((ns) => ns.id === image.namespace_id);
  }
}

/** True when the key may see the project. */
export function canSee(key: FakeKey, projectId: string): boolean {
  return key.projects === "all" || key.projects.includes(projectId);
}
