export const AUDIT_ACTIONS = [
  "credential.create",
  "credential.rotate",
  "credential.delete",
  "credential.verify",
  "credential.use",
  "credential.reencrypt",
  "project.create",
  "token.create",
  "token.delete",
  "org.create",
  "org.features",
  "scan.start",
  "scan.cancel",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what to which resource, and when. Never holds a secret. */
export interface AuditEntry {
  id: string;
  orgId: string;
  /** Token id of the actor, or "system". */
  actorId: string;
  action: AuditAction;
  /** e.g. "credential", "project", "token". */
  targetType: string;
  targetId: string;
  at: Date;
  /** Safe context (e.g. `{purpose: "list_namespaces"}`). */
  metadata: Record<string, unknown>;
}
