/** Which regscan project the extension works in, from `/v1/me` and the `regscan.projectId` setting. */
import type { Me, MeProject } from "../api/api-types.js";

export type ProjectChoice =
  | { kind: "chosen"; project: MeProject }
  | { kind: "ask"; projects: MeProject[] }
  | { kind: "none" }
  | { kind: "missing"; projectId: string };

/**
 * The configured project when set (missing if this token does not see it); else the remembered
 * one if still visible; else the only project; else ask among several.
 */
export function chooseProject(me: Me, configured: string, remembered?: string): ProjectChoice {
  const wanted = configured.trim();
  if (wanted) {
    const project = me.projects.find((p) => p.id === wanted);
    return project ? { kind: "chosen", project } : { kind: "missing", projectId: wanted };
  }
  const kept = remembered ? me.projects.find((p) => p.id === remembered) : undefined;
  if (kept) return { kind: "chosen", project: kept };
  if (me.projects.length === 0) return { kind: "none" };
  if (me.projects.length === 1) return { kind: "chosen", project: me.projects[0] as MeProject };
  return { kind: "ask", projects: me.projects };
}

/** "default (org default)" for the quick pick. */
export function projectLabel(me: Me, project: MeProject): string {
  const org = me.organizations.find((o) => o.id === project.orgId);
  return org ? `${project.name} (${org.name})` : project.name;
}
