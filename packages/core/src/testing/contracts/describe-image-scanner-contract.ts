import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScanProgress, SEVERITIES } from "../../model/scan.js";
import type { ImageScanner, ImageScanRequest } from "../../ports/scans.js";

/** A scanner over a registry holding the subject's images, and requests that name them. */
export interface ImageScannerSubject {
  scanner: ImageScanner;
  /** An image with packages, at least one of which has an advisory in the scanner's database. */
  good: ImageScanRequest;
  /** The same registry, a tag that does not exist. */
  missingTag: ImageScanRequest;
  /** The same registry, a repository that does not exist. */
  missingImage: ImageScanRequest;
  /** The good image with a wrong password. */
  badPassword: ImageScanRequest;
  close?: () => Promise<void> | void;
}

/** The behaviour every {@link ImageScanner} must have. */
export function describeImageScannerContract(
  make: () => Promise<ImageScannerSubject> | ImageScannerSubject,
  options: { timeoutMs?: number } = {},
): void {
  const timeout = options.timeoutMs ?? 60_000;
  describe("ImageScanner contract", () => {
    let subject: ImageScannerSubject | undefined;
    beforeAll(async () => {
      subject = await make();
    }, timeout);
    afterAll(async () => {
      await subject?.close?.();
    });
    const s = (): ImageScannerSubject => {
      if (!subject) throw new Error("contract subject used outside of a test");
      return subject;
    };

    it(
      "resolves the digest the inventory then reports, with progress that only moves forward",
      async () => {
        const { digest } = await s().scanner.resolve(s().good);
        expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
        const seen: ScanProgress[] = [];
        const inventory = await s().scanner.inventory(s().good, { onProgress: (p) => seen.push(p) });
        expect(inventory.digest).toBe(digest);
        expect(inventory.packageCount).toBeGreaterThan(0);
        expect(inventory.incomplete).toEqual([]);
        expect(inventory.document.length).toBeGreaterThan(0);
        const pulling = seen.filter((p) => p.phase === "pulling");
        expect(pulling.length).toBeGreaterThan(0);
        for (let i = 1; i < pulling.length; i++) {
          expect(pulling[i]!.bytesDone).toBeGreaterThanOrEqual(pulling[i - 1]!.bytesDone);
          expect(pulling[i]!.layersDone).toBeGreaterThanOrEqual(pulling[i - 1]!.layersDone);
        }
        const last = pulling[pulling.length - 1]!;
        expect(last.layersDone).toBe(last.layersTotal);
      },
      timeout,
    );

    it(
      "matches a stored inventory document again, with rated findings",
      async () => {
        const inventory = await s().scanner.inventory(s().good);
        const first = await s().scanner.match(inventory.document);
        const second = await s().scanner.match(inventory.document);
        expect(first.findings.length).toBeGreaterThan(0);
        expect(second).toEqual(first);
        for (const f of first.findings) {
          expect(SEVERITIES).toContain(f.severity);
          expect(f.id).not.toBe("");
          expect(f.packageName).not.toBe("");
          expect(f.purl).toMatch(/^pkg:/);
        }
      },
      timeout,
    );

    it.each([
      { name: "a missing tag", request: "missingTag", code: "tag_not_found" },
      { name: "a missing image", request: "missingImage", code: "image_not_found" },
      { name: "a wrong password", request: "badPassword", code: "credential_invalid" },
    ] as const)(
      "fails $name with $code, the password in no message",
      async ({ request, code }) => {
        const req = s()[request];
        for (const run of [() => s().scanner.resolve(req), () => s().scanner.inventory(req)]) {
          const error = await run().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toMatchObject({ name: "DomainError", code });
          expect(
            JSON.stringify({ m: (error as Error).message, d: (error as { details?: unknown }).details }),
          ).not.toContain(req.pull.password);
        }
      },
      timeout,
    );

    it(
      "stops when its signal aborts, rejecting with the signal's reason",
      async () => {
        const controller = new AbortController();
        const reason = new Error("stop now");
        controller.abort(reason);
        await expect(s().scanner.inventory(s().good, { signal: controller.signal })).rejects.toBe(reason);
        const running = new AbortController();
        const pending = s().scanner.inventory(s().good, {
          signal: running.signal,
          onProgress: (p) => {
            if (p.phase === "pulling") running.abort(reason);
          },
        });
        await expect(pending).rejects.toBe(reason);
      },
      timeout,
    );
  });
}
