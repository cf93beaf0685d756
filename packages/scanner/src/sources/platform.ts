/** Platforms (`os/arch[/variant]`) and choosing one image out of a manifest list / OCI index. */
import { DomainError } from "@regscan/core";
import type { Platform } from "./image-source.js";

export const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

const PART = /^[a-z0-9][a-z0-9._-]*$/;

/** Parses `linux/amd64`, `linux/arm64/v8`. Throws DomainError `validation_failed`. */
export function parsePlatform(text: string): Platform {
  const parts = String(text).trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw new DomainError(
      "validation_failed",
      `Invalid platform "${String(text).slice(0, 100)}": write os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8.`,
      { field: "platform" },
    );
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}

// Default variants, as containerd normalises them: arm64 means v8, arm means v7.
function variantOf(p: Platform): string | undefined {
  if (p.variant) return p.variant;
  if (p.architecture === "arm64") return "v8";
  if (p.architecture === "arm") return "v7";
  return undefined;
}

/** True when `candidate` satisfies `wanted` (a wanted platform without variant accepts any variant). */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return false;
  return wanted.variant === undefined || variantOf(wanted) === variantOf(candidate);
}

export interface PlatformEntry {
  platform?: Partial<Platform>;
}

/**
 * Picks the entry of an index for `wanted`. Prefers an exact variant match, then the default variant.
 * Throws DomainError `image_not_found` listing the platforms the index has.
 */
export function selectPlatform<T extends PlatformEntry>(entries: readonly T[], wanted: Platform, ref: string): T {
  const candidates = entries.filter((e) => e.platform?.os && e.platform.architecture) as Array<
    T & { platform: Platform }
  >;
  const matching = candidates.filter((e) => platformMatches(wanted, e.platform));
  const best =
    matching.find((e) => e.platform.variant === wanted.variant) ??
    matching.find((e) => variantOf(e.platform) === variantOf(wanted)) ??
    matching[0];
  if (best) return best;
  const available = [...new Set(candidates.map((e) => formatPlatform(e.platform)))].filter(
    (p) => p !== "unknown/unknown",
  );
  throw new DomainError(
    "image_not_found",
    `${ref} has no image for platform ${formatPlatform(wanted)}; available: ${available.join(", ") || "none"}. Choose one with --platform.`,
    { platform: formatPlatform(wanted), available },
  );
}
