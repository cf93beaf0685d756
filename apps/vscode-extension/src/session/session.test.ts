import { describe, expect, it } from "vitest";
import type { Me } from "../api/api-types.js";
import { chooseProject } from "./choose-project.js";
import { redact } from "./redact.js";

const project = (id: string) => ({ id, orgId: "o", name: id, permissions: ["read" as const] });
const me = (...ids: string[]): Me => ({
  principal: { id: "t", name: "t" },
  organizations: [{ id: "o", name: "org", permissions: [] }],
  projects: ids.map(project),
});

describe("chooseProject", () => {
  it.each([
    {
      name: "the configured one",
      me: me("a", "b"),
      configured: "b",
      remembered: undefined,
      want: { kind: "chosen", project: project("b") },
    },
    {
      name: "a configured one the token cannot see",
      me: me("a"),
      configured: "x",
      remembered: undefined,
      want: { kind: "missing", projectId: "x" },
    },
    {
      name: "the remembered one",
      me: me("a", "b"),
      configured: "",
      remembered: "b",
      want: { kind: "chosen", project: project("b") },
    },
    {
      name: "the only one",
      me: me("a"),
      configured: " ",
      remembered: "gone",
      want: { kind: "chosen", project: project("a") },
    },
    {
      name: "ask among several",
      me: me("a", "b"),
      configured: "",
      remembered: undefined,
      want: { kind: "ask", projects: [project("a"), project("b")] },
    },
    { name: "none", me: me(), configured: "", remembered: undefined, want: { kind: "none" } },
  ])("$name", ({ me, configured, remembered, want }) => {
    expect(chooseProject(me, configured, remembered)).toEqual(want);
  });
});

describe("redact", () => {
  it("removes the token and any bearer header value", () => {
    expect(redact("token rgs_secret123 in Authorization: Bearer other-value", ["rgs_secret123"])).toBe(
      "token [redacted] in Authorization: Bearer [redacted]",
    );
    expect(redact("nothing here", [undefined, ""])).toBe("nothing here");
  });
});
