/**
 * The one scan pipeline, runtime-neutral: image source → inventory → match → summary. The CLI,
 * the Node scan runner and the Workers queue consumer all use it; they only choose the adapters
 * (how sources are opened, which decompressor, hash and layer cache).
 */
import {
  type ImageScanner,
  type ImageScanRequest,
  type InventoryResult,
  type ScanCallOptions,
  type ScanProgress,
  type SeveritySummary,
  summarizeFindings,
} from "@regscan/core";
import type { AdvisoryStore } from "../advisories/advisory-store.js";
import { type PackageFinalizer, scanImageInventory } from "../inventory/scan-image-inventory.js";
import type { Finding } from "../matching/finding.js";
import { type MatchOptions, matchPackages } from "../matching/match-packages.js";
import type { Cataloger, ImageInventory } from "../model.js";
import type { ImageSource } from "../sources/image-source.js";
import type { Decompressor } from "../walk/decompressor.js";
import type { LayerCache } from "../walk/layer-cache.js";
import type { WalkLimits } from "../walk/layer-files.js";
import type { Sha256Factory } from "../walk/sha256.js";
import { parseInventoryDocument, toInventoryDocument } from "./inventory-document.js";
import { type ScanWarning, scanWarnings } from "./scan-warnings.js";

export interface ImageScannerDeps {
  /** Opens the image a request names (on the API: a registry source with the pull coordinates). */
  openSource(request: ImageScanRequest): ImageSource;
  catalogers: readonly Cataloger[];
  finalize: PackageFinalizer;
  /** Needed to match (`scan`); an inventory alone (`sbom`) goes without. */
  advisories?: AdvisoryStore;
  cache?: LayerCache;
  decompressor?: Decompressor;
  sha256?: Sha256Factory;
  limits?: Partial<WalkLimits>;
  match?: MatchOptions;
}

/** What a whole scan of one source produces. */
export interface ImageScanResult {
  inventory: ImageInventory;
  findings: Finding[];
  summary: SeveritySummary;
  /** Things the user should know about the result; never lost, always shown. */
  warnings: ScanWarning[];
}

export interface ImageScanPipeline extends ImageScanner {
  /** Resolves, walks and catalogs any source (registry, OCI layout, docker-archive). */
  inventorySource(source: ImageSource, options?: ScanCallOptions): Promise<ImageInventory>;
  /** Matches an inventory against the advisory store. */
  matchInventory(
    inventory: ImageInventory,
    options?: ScanCallOptions,
  ): Promise<{ findings: Finding[]; warnings: ScanWarning[] }>;
  /** Both, plus the summary. */
  scanSource(source: ImageSource, options?: ScanCallOptions): Promise<ImageScanResult>;
}

export function createImageScanner(deps: ImageScannerDeps): ImageScanPipeline {
  const report = (options: ScanCallOptions | undefined, progress: ScanProgress) => options?.onProgress?.(progress);

  async function inventorySource(source: ImageSource, options?: ScanCallOptions): Promise<ImageInventory> {
    report(options, { phase: "resolving", layersDone: 0, layersTotal: 0, bytesDone: 0, bytesTotal: 0 });
    try {
      return await scanImageInventory(source, {
        catalogers: deps.catalogers,
        finalize: deps.finalize,
        ...(deps.cache ? { cache: deps.cache } : {}),
        ...(deps.decompressor ? { decompressor: deps.decompressor } : {}),
        ...(deps.sha256 ? { sha256: deps.sha256 } : {}),
        ...(deps.limits ? { limits: deps.limits } : {}),
        ...(options?.signal ? { signal: options.signal } : {}),
        onProgress: (p) => report(options, { phase: "pulling", ...p }),
      });
    } finally {
      await source.close?.();
    }
  }

  async function matchInventory(inventory: ImageInventory, options?: ScanCallOptions) {
    options?.signal?.throwIfAborted();
    const advisories = deps.advisories;
    if (!advisories) throw new Error("this image scanner was built without an advisory store");
    const status = await advisories.status();
    const findings = await matchPackages(advisories, inventory.packages, {
      ...deps.match,
      ...(options?.signal ? { signal: options.signal } : {}),
    });
    return { findings, warnings: scanWarnings(inventory, status) };
  }

  const pipeline: ImageScanPipeline = {
    inventorySource,
    matchInventory,

    async scanSource(source, options) {
      const inventory = await inventorySource(source, options);
      const last = inventory.artifact.layers.length;
      report(options, { phase: "matching", layersDone: last, layersTotal: last, bytesDone: 0, bytesTotal: 0 });
      const { findings, warnings } = await matchInventory(inventory, options);
      return { inventory, findings, summary: summarizeFindings(findings), warnings };
    },

    async resolve(request, options) {
      const source = deps.openSource(request);
      try {
        const image = await source.resolve(options?.signal ? { signal: options.signal } : {});
        return { digest: image.manifestDigest };
      } finally {
        await source.close?.();
      }
    },

    async inventory(request, options): Promise<InventoryResult> {
      const inventory = await inventorySource(deps.openSource(request), options);
      return {
        digest: inventory.artifact.digest,
        document: toInventoryDocument(inventory),
        packageCount: inventory.packages.length,
        incomplete: inventory.notices
          .filter((n) => n.incomplete === true)
          .map((n) => ({ code: n.code, message: n.message, ...(n.path ? { path: n.path } : {}) })),
      };
    },

    async match(document, options) {
      const { findings, warnings } = await matchInventory(parseInventoryDocument(document), options);
      return { findings, warnings: warnings.map((w) => w.message) };
    },
  };
  return pipeline;
}
