/** Limits every image source enforces while resolving an image (DomainError `image_too_large`). */
export interface SourceLimits {
  /** Max bytes of a manifest or index document. */
  maxManifestBytes: number;
  /** Max bytes of the image config JSON. */
  maxConfigBytes: number;
  /** Max number of layers in an image. */
  maxLayers: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  maxManifestBytes: 4 * 1024 * 1024,
  maxConfigBytes: 8 * 1024 * 1024,
  maxLayers: 256,
};

export function sourceLimits(partial?: Partial<SourceLimits>): SourceLimits {
  return { ...DEFAULT_SOURCE_LIMITS, ...partial };
}
