import { DomainError } from "../errors/domain-error.js";
import type { Finding } from "../model/scan.js";
import type { ImageScanner, ImageScanRequest, InventoryResult, ScanCallOptions } from "../ports/scans.js";

/** An image the fake scanner can pull. */
export interface FakeImage {
  digest: string;
  /** Packages as `name@version`. */
  packages: string[];
  /** Compressed layer sizes (progress is reported per layer). */
  layers: number[];
  /** Reasons the inventory is incomplete (a cataloger failed). */
  incomplete?: Array<{ code: string; message: string }>;
}

/**
 * An ImageScanner fake over images keyed by `registry/repository:reference`, pulled with one
 * password. `advisories` maps `name@version` to the findings it has. Test handles: `failNext`
 * makes the next inventories throw, `hold` makes inventories wait until aborted or released.
 */
export interface FakeImageScanner extends ImageScanner {
  readonly pulls: string[];
  readonly matches: number;
  /** Inventories currently running. */
  readonly running: number;
  /** The most that ran at once. */
  readonly maxRunning: number;
  failNext(error: DomainError, times?: number): void;
  /** Inventories wait at their first layer until `release()` (or their signal aborts). */
  hold(): void;
  release(): void;
  setAdvisories(advisories: Record<string, Finding[]>): void;
}

export function createFakeImageScanner(options: {
  images: Record<string, FakeImage>;
  password: string;
  advisories?: Record<string, Finding[]>;
}): FakeImageScanner {
  let advisories = options.advisories ?? {};
  const failures: DomainError[] = [];
  let held: { promise: Promise<void>; release: () => void } | null = null;
  let running = 0;
  const state = { pulls: [] as string[], matches: 0, maxRunning: 0 };

  const find = (request: ImageScanRequest): FakeImage => {
    const { pull } = request;
    if (pull.password !== options.password) {
      throw new DomainError("credential_invalid", `Registry ${pull.registry} rejected the credentials.`);
    }
    const image = options.images[`${pull.registry}/${pull.repository}:${pull.reference}`];
    if (image) return image;
    const repository = `${pull.registry}/${pull.repository}:`;
    if (!Object.keys(options.images).some((key) => key.startsWith(repository))) {
      throw new DomainError("image_not_found", `${pull.registry}/${pull.repository} does not exist.`);
    }
    throw new DomainError("tag_not_found", `${pull.repository} has no tag ${pull.reference}.`);
  };
  const checkpoint = async (signal?: AbortSignal) => {
    await new Promise((r) => setTimeout(r, 1));
    signal?.throwIfAborted();
  };

  const scanner: FakeImageScanner = {
    get pulls() {
      return state.pulls;
    },
    get matches() {
      return state.matches;
    },
    get running() {
      return running;
    },
    get maxRunning() {
      return state.maxRunning;
    },
    failNext(error, times = 1) {
      for (let i = 0; i < times; i++) failures.push(error);
    },
    hold() {
      let release: () => void = () => undefined;
      const promise = new Promise<void>((r) => {
        release = () => r();
      });
      held = { promise, release };
    },
    release() {
      held?.release();
      held = null;
    },
    setAdvisories(next) {
      advisories = next;
    },
    async resolve(request, callOptions) {
      await checkpoint(callOptions?.signal);
      return { digest: find(request).digest };
    },
    async inventory(request, callOptions?: ScanCallOptions): Promise<InventoryResult> {
      running += 1;
      state.maxRunning = Math.max(state.maxRunning, running);
      try {
        const image = find(request);
        state.pulls.push(request.pull.imageRef);
        const signal = callOptions?.signal;
        const failure = failures.shift();
        const bytesTotal = image.layers.reduce((n, s) => n + s, 0);
        let bytesDone = 0;
        for (const [i, size] of image.layers.entries()) {
          await checkpoint(signal);
          if (held) await abortable(held.promise, signal);
          if (failure && i === Math.floor(image.layers.length / 2)) throw failure;
          bytesDone += size;
          callOptions?.onProgress?.({
            phase: "pulling",
            layersDone: i + 1,
            layersTotal: image.layers.length,
            bytesDone,
            bytesTotal,
          });
        }
        if (failure) throw failure;
        const document = JSON.stringify({ digest: image.digest, packages: image.packages });
        return {
          digest: image.digest,
          document,
          packageCount: image.packages.length,
          incomplete: image.incomplete ?? [],
        };
      } finally {
        running -= 1;
      }
    },
    async match(document, callOptions) {
      await checkpoint(callOptions?.signal);
      state.matches += 1;
      const { packages } = JSON.parse(document) as { packages: string[] };
      return { findings: packages.flatMap((p) => advisories[p] ?? []), warnings: [] };
    },
  };
  return scanner;
}

function abortable(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, reject);
  });
}
