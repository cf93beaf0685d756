import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migratedAdvisoryStore } from "./test-support/migrated-advisory-store.js";
import { describeAdvisoryStoreContract } from "./testing/advisory-store-contract.js";

describeAdvisoryStoreContract("LibsqlAdvisoryStore (file:)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "regscan-store-"));
  const store = await migratedAdvisoryStore(`file:${join(dir, "a.db")}`);
  return {
    store,
    dispose: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
