import { DomainError, REGIONS, type Region, type UsableCredential } from "@regscan/core";
import type { Registryv1 } from "@scaleway/sdk-registry";
import { closestName } from "./closest-name.js";
import { listAllPages } from "./list-all-pages.js";
import { asScalewayFailure, failureDetails, MESSAGES, notFound, toDomainError } from "./scaleway-errors.js";

/** One gateway call: an SDK client bound to a credential's key and the caller's signal. */
export interface ScalewaySession {
  /** Official SDK client bound to the credential's key and the caller's signal (region per call). */
  api: Registryv1.API;
  credential: UsableCredential;
  concurrency: number;
}

/** Every namespace of the credential's project in `region` (optionally filtered by exact name). */
export async function projectNamespaces(
  session: ScalewaySession,
  region: Region = session.credential.region,
  name?: string,
): Promise<Registryv1.Namespace[]> {
  const { api, credential } = session;
  try {
    return await listAllPages(async (page, pageSize) => {
      const res = await api.listNamespaces({ region, projectId: credential.scalewayProjectId, name, page, pageSize });
      return { items: res.namespaces, totalCount: res.totalCount };
    }, session.concurrency);
  } catch (error) {
    if (asScalewayFailure(error)?.status === 403) throw await diagnoseForbidden(session, error);
    throw toDomainError(error, credential.scalewayProjectId);
  }
}

/**
 * A 403 on a `project_id` listing means either "no registry permission at all" or "scoped to
 * other projects". Listing without `project_id` tells them apart: a key scoped elsewhere can
 * still list what it sees, a key without registry permission is refused again.
 */
async function diagnoseForbidden(session: ScalewaySession, original: unknown): Promise<DomainError> {
  const { api, credential } = session;
  const projectId = credential.scalewayProjectId;
  try {
    await api.listNamespaces({ region: credential.region, page: 1, pageSize: 1 });
  } catch (error) {
    const failure = asScalewayFailure(error);
    if (failure?.status === 403)
      return new DomainError("credential_forbidden", MESSAGES.credentialForbidden(projectId), failureDetails(failure));
    return toDomainError(error, projectId);
  }
  const failure = asScalewayFailure(original);
  return new DomainError(
    "project_scope_mismatch",
    MESSAGES.projectScopeMismatch(projectId),
    failure ? failureDetails(failure, { projectId }) : { projectId },
  );
}

/** The credential's namespace called `name` in its region, or `namespace_not_found` with a hint. */
export async function resolveNamespace(session: ScalewaySession, name: string): Promise<Registryv1.Namespace> {
  const found = (await projectNamespaces(session, session.credential.region, name)).find((ns) => ns.name === name);
  if (found) return found;
  throw await namespaceNotFound(session, name);
}

async function namespaceNotFound(session: ScalewaySession, name: string): Promise<DomainError> {
  const { credential } = session;
  const subject = { kind: "namespace", namespace: name } as const;
  const here = (await projectNamespaces(session)).map((ns) => ns.name);
  // Most certain hint first: the same name in another case, then the same name in another
  // region, and only then a close spelling here.
  const otherCase = here.find((n) => n.toLowerCase() === name.toLowerCase());
  if (otherCase !== undefined) {
    return notFound(subject, { region: credential.region, suggestion: otherCase }, `Did you mean ${otherCase}?`);
  }
  for (const region of REGIONS.filter((r) => r !== credential.region)) {
    const elsewhere = await projectNamespaces(session, region, name.toLowerCase()).catch(() => []);
    const match = elsewhere.find((ns) => ns.name.toLowerCase() === name.toLowerCase());
    if (match) {
      return notFound(
        subject,
        { region: credential.region, foundInRegion: region, suggestion: match.name },
        `It was found in ${region}: change the credential's region to ${region}${match.name === name ? "" : ` (name ${match.name})`}.`,
      );
    }
  }
  const suggestion = closestName(name, here);
  if (suggestion !== null) {
    return notFound(subject, { region: credential.region, suggestion }, `Did you mean ${suggestion}?`);
  }
  return notFound(subject, { region: credential.region });
}

/** The image called `name` in the namespace, or `image_not_found` with a spelling hint. */
export async function resolveImage(
  session: ScalewaySession,
  namespace: Registryv1.Namespace,
  name: string,
): Promise<Registryv1.Image> {
  const matches = await namespaceImages(session, namespace, name);
  const found = matches.find((image) => image.name === name);
  if (found) return found;
  const suggestion = closestName(
    name,
    (await namespaceImages(session, namespace)).map((i) => i.name),
  );
  const subject = { kind: "image", namespace: namespace.name, image: name } as const;
  throw notFound(subject, suggestion ? { suggestion } : {}, suggestion ? `Did you mean ${suggestion}?` : undefined);
}

/** Every image of the namespace (optionally filtered by exact name). */
export async function namespaceImages(
  session: ScalewaySession,
  namespace: Registryv1.Namespace,
  name?: string,
): Promise<Registryv1.Image[]> {
  const region = namespace.region as Region;
  try {
    return await listAllPages(async (page, pageSize) => {
      const res = await session.api.listImages({ region, namespaceId: namespace.id, name, page, pageSize });
      return { items: res.images, totalCount: res.totalCount };
    }, session.concurrency);
  } catch (error) {
    const subject = { kind: "namespace", namespace: namespace.name } as const;
    throw toDomainError(error, session.credential.scalewayProjectId, subject);
  }
}

/** Every tag of the image (optionally filtered by exact name). */
export async function imageTags(
  session: ScalewaySession,
  namespace: Registryv1.Namespace,
  image: Registryv1.Image,
  name?: string,
): Promise<Registryv1.Tag[]> {
  const region = namespace.region as Region;
  try {
    return await listAllPages(async (page, pageSize) => {
      const res = await session.api.listTags({ region, imageId: image.id, name, page, pageSize });
      return { items: res.tags, totalCount: res.totalCount };
    }, session.concurrency);
  } catch (error) {
    const subject = { kind: "image", namespace: namespace.name, image: image.name } as const;
    throw toDomainError(error, session.credential.scalewayProjectId, subject);
  }
}
