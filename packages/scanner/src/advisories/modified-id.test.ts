import { describe, expect, it } from "vitest";
import { changedSince } from "./modified-id.js";

describe("changedSince", () => {
  it.each([
    {
      name: "rows newer than the mark, newest first",
      csv: "2024-03-02T00:00:00Z,B\n2024-03-01T00:00:00Z,A\n2024-02-01T00:00:00Z,OLD\n",
      since: "2024-02-15T00:00:00Z",
      ids: ["B", "A"],
    },
    {
      name: "equal timestamps are not newer",
      csv: "2024-02-15T00:00:00Z,SAME",
      since: "2024-02-15T00:00:00Z",
      ids: [],
    },
    {
      name: "root-file ids with an ecosystem folder",
      csv: "2024-03-01T00:00:00Z,npm/GHSA-1\r\n",
      since: "2024-01-01T00:00:00Z",
      ids: ["GHSA-1"],
    },
    {
      name: "malformed rows skipped",
      csv: "garbage\n,X\nnot-a-date,Y\n2024-03-01T00:00:00Z,\n",
      since: "2020-01-01T00:00:00Z",
      ids: [],
    },
    { name: "empty file", csv: "", since: "2020-01-01T00:00:00Z", ids: [] },
    { name: "fractional seconds", csv: "2024-03-01T00:00:00.123456Z,F", since: "2024-03-01T00:00:00Z", ids: ["F"] },
  ])("$name", ({ csv, since, ids }) => {
    expect(changedSince(csv, since)).toEqual(ids);
  });
});
