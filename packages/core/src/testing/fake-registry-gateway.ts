import { DomainError, type ErrorCode } from "../errors/domain-error.js";
import type { UsableCredential } from "../model/credential.js";
import type {
  PullCoordinates,
  RegistryGateway,
  RegistryImage,
  RegistryNamespace,
  RegistryTag,
} from "../ports/registry-gateway.js";
import type { RegistryWorld, RegistryWorldNamespace } from "./contracts/describe-registry-gateway-contract.js";

/**
 * A RegistryGateway fake. Unseeded: `verify` passes for any key until `failWith(code)`, browsing
 * returns nothing. Seeded with keys and namespaces: it behaves like the registry (runs the
 * RegistryGateway contract), and `failWith` still overrides `verify`.
 */
export interface FakeRegistryGateway extends RegistryGateway {
  /** Credentials `verify` was called with (ids only: tests must not keep secrets around). */
  verifiedIds: string[];
  /** Makes `verify` throw DomainError `code` (null: succeed again). */
  failWith(code: ErrorCode | null): void;
}

/** What a seeded fake holds: the keys and namespaces of a {@link RegistryWorld}. */
export type FakeRegistrySeed = Pick<RegistryWorld, "keys" | "namespaces">;

const AT = new Date("2026-01-01T00:00:00Z");

export function createFakeRegistryGateway(seed?: FakeRegistrySeed): FakeRegistryGateway {
  let failure: ErrorCode | null = null;
  const world = seed ? seedWorld(seed) : null;
  const gateway: FakeRegistryGateway = {
    verifiedIds: [],
    registryHost: (credential) => `rg.${credential.region}.scw.cloud`,
    failWith(code) {
      failure = code;
    },
    async verify(credential: UsableCredential) {
      gateway.verifiedIds.push(credential.id);
      if (failure) throw new DomainError(failure, `Fake registry refused the credential (${failure}).`);
      world?.namespace(credential, credential.namespace);
    },
    async listNamespaces(credential) {
      return world ? world.visible(credential).map((ns) => ns.view) : [];
    },
    async listImages(credential, namespace) {
      return world ? world.namespace(credential, namespace).images.map((i) => i.view) : [];
    },
    async listTags(credential, namespace, image) {
      return world ? world.image(credential, namespace, image).tags : [];
    },
    async pullSource(credential, namespace, image, tag): Promise<PullCoordinates> {
      if (!world) throw new DomainError("tag_not_found", "The fake registry has no images.");
      const img = world.image(credential, namespace, image);
      // A digest names content (maybe one platform of a tagged index): the registry resolves it.
      const found = tag.startsWith("sha256:") || img.tags.some((t) => t.name === tag);
      if (!found) {
        throw new DomainError(
          "tag_not_found",
          `Tag "${tag}" was not found on image "${namespace}/${image}". List the image's tags.`,
          { namespace, image, tag },
        );
      }
      const registry = `rg.${credential.region}.scw.cloud`;
      return {
        registry,
        repository: `${namespace}/${image}`,
        reference: tag,
        imageRef: `${registry}/${namespace}/${image}${tag.startsWith("sha256:") ? "@" : ":"}${tag}`,
        username: "nologin",
        password: credential.secretKey,
      };
    },
  };
  return gateway;
}

interface SeededNamespace {
  seed: RegistryWorldNamespace;
  view: RegistryNamespace;
  images: { view: RegistryImage; tags: RegistryTag[] }[];
}

/** The seeded registry with sequential ids, and the key checks of every call. */
function seedWorld(seed: FakeRegistrySeed) {
  let seq = 0;
  const id = (prefix: string): string => `${prefix}-${++seq}`;
  const namespaces: SeededNamespace[] = seed.namespaces.map((ns) => {
    const nsId = id("ns");
    const images = ns.images.map((image) => {
      const imageId = id("img");
      const tags: RegistryTag[] = image.tags.map((tag) => ({
        id: id("tag"),
        name: tag.name,
        imageId,
        digest: tag.digest,
        status: "ready",
        createdAt: AT,
        updatedAt: AT,
        imageRef: `rg.${ns.region}.scw.cloud/${ns.name}/${image.name}:${tag.name}`,
      }));
      const view: RegistryImage = {
        id: imageId,
        name: image.name,
        namespaceId: nsId,
        status: "ready",
        visibility: "inherit",
        size: 0,
        tags: tags.map((t) => t.name),
        createdAt: AT,
        updatedAt: AT,
      };
      return { view, tags };
    });
    const view: RegistryNamespace = {
      id: nsId,
      name: ns.name,
      description: "",
      endpoint: `rg.${ns.region}.scw.cloud/${ns.name}`,
      region: ns.region,
      projectId: ns.projectId,
      status: "ready",
      isPublic: false,
      imageCount: images.length,
      size: 0,
    };
    return { seed: ns, view, images };
  });

  /** Throws the credential error a registry would give for this key, if any. */
  function checkKey(credential: UsableCredential): void {
    const key = seed.keys.find((k) => k.secretKey === credential.secretKey);
    if (!key || key.revoked) {
      throw new DomainError(
        "credential_invalid",
        "The secret key was rejected (revoked, expired or wrong). Create a new API key and rotate the credential's secret.",
      );
    }
    if (!key.registryAccess) {
      throw new DomainError(
        "credential_forbidden",
        "The API key has no Container Registry permission. Give it a registry read policy.",
        { projectId: credential.scalewayProjectId },
      );
    }
    if (!key.projects.includes(credential.scalewayProjectId)) {
      throw new DomainError(
        "project_scope_mismatch",
        "The API key is scoped to another project than the credential's. Check the project id or use a key for that project.",
        { projectId: credential.scalewayProjectId },
      );
    }
  }

  const visible = (credential: UsableCredential): SeededNamespace[] => {
    checkKey(credential);
    return namespaces.filter(
      (ns) => ns.seed.region === credential.region && ns.seed.projectId === credential.scalewayProjectId,
    );
  };
  const namespace = (credential: UsableCredential, name: string): SeededNamespace => {
    const found = visible(credential).find((ns) => ns.seed.name === name);
    if (found) return found;
    throw new DomainError(
      "namespace_not_found",
      `Namespace "${name}" was not found in this project and region. Check the namespace name, region and project id.`,
      { namespace: name, region: credential.region },
    );
  };
  const image = (credential: UsableCredential, ns: string, name: string) => {
    const found = namespace(credential, ns).images.find((i) => i.view.name === name);
    if (found) return found;
    throw new DomainError(
      "image_not_found",
      `Image "${name}" was not found in namespace "${ns}". Check the image name (case-sensitive, may contain /).`,
      { namespace: ns, image: name },
    );
  };
  return { visible, namespace, image };
}
