import { DomainError, type ErrorCode } from "../errors/domain-error.js";
import type { UsableCredential } from "../model/credential.js";
import type { RegistryGateway } from "../ports/registry-gateway.js";

/** A RegistryGateway fake: `verify` passes until `failWith(code)`; browsing returns nothing. */
export interface FakeRegistryGateway extends RegistryGateway {
  /** Credentials `verify` was called with (ids only: tests must not keep secrets around). */
  verifiedIds: string[];
  /** Makes `verify` throw DomainError `code` (null: succeed again). */
  failWith(code: ErrorCode | null): void;
}

export function createFakeRegistryGateway(): FakeRegistryGateway {
  let failure: ErrorCode | null = null;
  const gateway: FakeRegistryGateway = {
    verifiedIds: [],
    failWith(code) {
      failure = code;
    },
    async verify(credential: UsableCredential) {
      gateway.verifiedIds.push(credential.id);
      if (failure) throw new DomainError(failure, `Fake registry refused the credential (${failure}).`);
    },
    async listNamespaces() {
      return [];
    },
    async listImages() {
      return [];
    },
    async listTags() {
      return [];
    },
    async pullSource() {
      throw new DomainError("tag_not_found", "The fake registry has no images.");
    },
  };
  return gateway;
}
