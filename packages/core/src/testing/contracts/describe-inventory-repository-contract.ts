import { describe, expect, it } from "vitest";
import type { InventoryRepository } from "../../ports/scans.js";
import { type MakeSubject, useSubject } from "./contract-subject.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

/** The behaviour every {@link InventoryRepository} must have. */
export function describeInventoryRepositoryContract(make: MakeSubject<InventoryRepository>): void {
  describe("InventoryRepository contract", () => {
    const repo = useSubject(make);

    it("stores one inventory per digest, the last one written", async () => {
      expect(await repo().get(DIGEST)).toBeNull();
      const first = { digest: DIGEST, document: '{"packages":[]}', createdAt: new Date("2026-01-01T00:00:00.123Z") };
      await repo().put(first);
      expect(await repo().get(DIGEST)).toEqual(first);
      const document = JSON.stringify({
        packages: Array.from({ length: 2000 }, (_, i) => ({ name: `p${i}`, v: "ü" })),
      });
      const second = { digest: DIGEST, document, createdAt: new Date("2026-01-02T00:00:00Z") };
      await repo().put(second);
      expect(await repo().get(DIGEST)).toEqual(second);
      expect(await repo().get(`sha256:${"b".repeat(64)}`)).toBeNull();
    });
  });
}
