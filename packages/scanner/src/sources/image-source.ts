/**
 * The image-source port: where an image's manifest, config and layer blobs come from
 * (an OCI Distribution v2 registry, an OCI layout directory, a docker-archive tarball).
 * The layer walk only talks to this interface.
 */

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface LayerDescriptor {
  mediaType: string;
  /** Compressed blob digest (`sha256:…`). */
  digest: string;
  size: number;
}

export interface ResolvedImage {
  /** The reference as the user wrote it (normalised). */
  ref: string;
  /** Digest of the image manifest (not of the index it was selected from). */
  manifestDigest: string;
  /** Digest of the config blob (Docker's "image ID"); the same for one image in every source. */
  configDigest?: string;
  platform: Platform;
  /** Parsed image config JSON (`rootfs.diff_ids`, `os`, `architecture`, `config`, `history`). */
  config: ImageConfig;
  /** In order, base first. `layers[i]` matches `config.rootfs.diff_ids[i]`. */
  layers: LayerDescriptor[];
}

export interface ImageConfig {
  os?: string;
  architecture?: string;
  variant?: string;
  rootfs: { type: string; diff_ids: string[] };
  config?: Record<string, unknown>;
  history?: Array<Record<string, unknown>>;
}

export interface OpenBlobOptions {
  signal?: AbortSignal;
}

export interface ImageSource {
  /** Reads and validates manifest (selecting the platform from an index) and config. */
  resolve(options?: { signal?: AbortSignal }): Promise<ResolvedImage>;
  /**
   * Streams a blob as stored (still compressed). The stream errors with DomainError
   * `scan_failed` when the bytes do not match `digest`.
   */
  openBlob(layer: LayerDescriptor, options?: OpenBlobOptions): Promise<ReadableStream<Uint8Array>>;
  /** Releases files / connections. */
  close?(): Promise<void>;
}
