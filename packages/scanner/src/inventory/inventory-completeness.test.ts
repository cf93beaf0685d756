import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import type { ImageInventory, Notice } from "../model.js";
import { assertInventoryComplete, incompleteInventoryError, inventoryCompleteness } from "./inventory-completeness.js";
import { toInventoryJson } from "./inventory-json.js";

const UNSUPPORTED: Notice = {
  code: "rpmdb_unsupported",
  message: "rpm Berkeley DB database is not supported",
  path: "/var/lib/rpm/Packages",
  incomplete: true,
};
const FAILED: Notice = { code: "cataloger_failed", message: "dpkg cataloger failed: boom", incomplete: true };
const INFO: Notice = { code: "hardlink_unresolved", message: "a link", path: "/usr/bin/x" };

const inventory = (notices: Notice[]): ImageInventory => ({
  schemaVersion: 1,
  artifact: { ref: "oci:/tmp/x:t", digest: "sha256:aa", os: null, layers: [] },
  packages: [],
  notices,
});

describe("inventoryCompleteness", () => {
  it.each([
    { name: "no notices", notices: [], expected: { complete: true } },
    { name: "only notices that lose no package", notices: [INFO], expected: { complete: true } },
    {
      name: "notices marked incomplete, in order, without the flag",
      notices: [UNSUPPORTED, INFO, FAILED],
      expected: {
        complete: false,
        reasons: [
          { code: "rpmdb_unsupported", message: UNSUPPORTED.message, path: "/var/lib/rpm/Packages" },
          { code: "cataloger_failed", message: FAILED.message },
        ],
      },
    },
  ])("$name", ({ notices, expected }) => {
    expect(inventoryCompleteness(inventory(notices))).toEqual(expected);
  });
});

describe("incompleteInventoryError", () => {
  it("is inventory_incomplete naming the first reason, counting the others, with all in details", () => {
    const reasons = [
      { code: "rpmdb_unsupported", message: "not supported", path: "/var/lib/rpm/Packages" },
      { code: "cataloger_failed", message: "boom" },
    ];
    const error = incompleteInventoryError(reasons, "Do this.");
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "inventory_incomplete",
      message:
        "The image's inventory is incomplete, so packages and their vulnerabilities may be missing: not supported (/var/lib/rpm/Packages) [rpmdb_unsupported] (and 1 more). Do this.",
      details: { reasons },
    });
  });

  it("assertInventoryComplete throws it for an incomplete inventory only", () => {
    expect(() => assertInventoryComplete(inventory([INFO]))).not.toThrow();
    expect(() => assertInventoryComplete(inventory([FAILED]))).toThrow(
      expect.objectContaining({ code: "inventory_incomplete" }),
    );
  });
});

describe("toInventoryJson", () => {
  it.each([
    { name: "complete", notices: [INFO], incomplete: false, reasons: [] },
    {
      name: "incomplete",
      notices: [INFO, UNSUPPORTED],
      incomplete: true,
      reasons: [{ code: "rpmdb_unsupported", message: UNSUPPORTED.message, path: "/var/lib/rpm/Packages" }],
    },
  ])("carries incomplete and incompleteReasons when $name, and the flag on each notice", ({ notices, ...want }) => {
    const json = toInventoryJson(inventory(notices));
    expect(Object.keys(json)).toEqual([
      "schemaVersion",
      "artifact",
      "incomplete",
      "incompleteReasons",
      "packages",
      "notices",
    ]);
    expect(json.incomplete).toBe(want.incomplete);
    expect(json.incompleteReasons).toEqual(want.reasons);
    expect(json.notices).toEqual(notices.map((n) => (n.incomplete ? { ...n, incomplete: true } : n)));
  });
});
