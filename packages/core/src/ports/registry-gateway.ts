import type { Region, UsableCredential } from "../model/credential.js";

export type RegistryStatus = "unknown" | "ready" | "deleting" | "error" | "locked";
export type ImageVisibility = "visibility_unknown" | "inherit" | "public" | "private";

export interface RegistryNamespace {
  id: string;
  name: string;
  description: string;
  /** e.g. `rg.fr-par.scw.cloud/my-namespace` */
  endpoint: string;
  region: Region;
  projectId: string;
  status: RegistryStatus;
  isPublic: boolean;
  imageCount: number;
  size: number;
}

export interface RegistryImage {
  id: string;
  name: string;
  namespaceId: string;
  status: RegistryStatus;
  visibility: ImageVisibility;
  size: number;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface RegistryTag {
  id: string;
  name: string;
  imageId: string;
  /** `sha256:…` */
  digest: string;
  status: RegistryStatus;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Full pullable reference (`rg.fr-par.scw.cloud/ns/image:tag`), when the gateway knows it. */
  imageRef?: string;
}

/** Everything a registry client needs to pull one image. `password` is the secret key. */
export interface PullCoordinates {
  /** Registry host (`rg.fr-par.scw.cloud`) or base URL (`http://127.0.0.1:5000` in tests). */
  registry: string;
  /** `<namespace>/<image>` */
  repository: string;
  /** Tag name or `sha256:` digest. */
  reference: string;
  /** Full pullable reference for display, e.g. `rg.fr-par.scw.cloud/ns/image:tag`. */
  imageRef: string;
  username: string;
  password: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * A container registry provider (Scaleway). Translates every vendor failure into a DomainError
 * (`credential_invalid`, `credential_forbidden`, `project_scope_mismatch`, `namespace_not_found`,
 * `image_not_found`, `tag_not_found`, `rate_limited`, `upstream_unavailable`).
 */
export interface RegistryGateway {
  /**
   * The registry host images of this credential are pulled from (`rg.fr-par.scw.cloud`, or
   * `127.0.0.1:5000` when configured for tests): a scan reference must name this host.
   */
  registryHost(credential: Pick<UsableCredential, "region">): string;
  /** Checks the key, its project scope and that the credential's namespace exists in its region. */
  verify(credential: UsableCredential, options?: CallOptions): Promise<void>;
  /** All namespaces of the credential's Scaleway project in its region (every page). */
  listNamespaces(credential: UsableCredential, options?: CallOptions): Promise<RegistryNamespace[]>;
  /** All images of the namespace (by name). */
  listImages(credential: UsableCredential, namespace: string, options?: CallOptions): Promise<RegistryImage[]>;
  /** All tags of the image. */
  listTags(
    credential: UsableCredential,
    namespace: string,
    image: string,
    options?: CallOptions,
  ): Promise<RegistryTag[]>;
  /** Pull coordinates for a tag (checks that it exists). */
  pullSource(
    credential: UsableCredential,
    namespace: string,
    image: string,
    tag: string,
    options?: CallOptions,
  ): Promise<PullCoordinates>;
}
