import {
  describeAuditLogContract,
  describeCredentialRepositoryContract,
  describeOrgRepositoryContract,
  describeTokenRepositoryContract,
  describeTransactionRunnerContract,
} from "@regscan/core/testing/contracts";
import { describe } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { createLibsqlStore } from "./libsql-store.js";

async function store() {
  const t = await openTempDatabase();
  return { store: createLibsqlStore(t.db), close: t.close };
}

// The same contracts as the in-memory store: the use cases' transactions behave the same on both.
describe("libSQL store (temp file)", () => {
  describeTransactionRunnerContract(async () => {
    const { store: repo, close } = await store();
    return { repo, close };
  });
  // Its repositories (writes queued behind the store's write lock) still pass the repository contracts.
  describeOrgRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.orgs, close };
  });
  describeTokenRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.tokens, close };
  });
  describeCredentialRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.credentials, close };
  });
  describeAuditLogContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.audit, close };
  });
});
