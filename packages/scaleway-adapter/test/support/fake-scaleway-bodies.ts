// Error bodies exactly as Scaleway's API sends them (see scaleway-cli recorded cassettes).

export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent verbatim instead of the JSON body. */
  raw?: string;
}

export const unauthenticated = (reason: "invalid_argument" | "not_found" | "expired"): FakeReply => ({
  status: 401,
  body: { message: "authentication is denied", method: "api_key", reason, type: "denied_authentication" },
});

export const permissionsDenied = (resource: string): FakeReply => ({
  status: 403,
  body: { details: [{ action: "read", resource }], message: "insufficient permissions", type: "permissions_denied" },
});

export const resourceNotFound = (resource: string, resourceId: string): FakeReply => ({
  status: 404,
  body: { message: "resource is not found", resource, resource_id: resourceId, type: "not_found" },
});

export const invalidArguments = (argument: string, helpMessage: string): FakeReply => ({
  status: 400,
  body: {
    details: [{ argument_name: argument, help_message: helpMessage, reason: "constraint" }],
    message: "invalid argument(s)",
    type: "invalid_arguments",
  },
});

export const tooManyRequests = (retryAfter: string, nowMs: number): FakeReply => {
  const seconds = /^\d+$/.test(retryAfter) ? Number(retryAfter) : 60;
  return {
    status: 429,
    headers: { "retry-after": retryAfter },
    body: {
      help_message: "Please retry later or contact the support if the issue persists.",
      limit: { quota: 40, window_seconds: 1 },
      message: "too many requests",
      reset_at: new Date(nowMs + seconds * 1000).toISOString(),
      reset_seconds: seconds,
      type: "too_many_requests",
    },
  };
};
