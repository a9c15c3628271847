import { describe, expect, it } from "vitest";
import {
  alertQueueHref,
  alertQueueParamsSchema,
  alertQueueSearch,
  isPreset,
  parseAlertQueueQuery,
  QUEUE_PRESETS,
} from "./queue-query";

describe("the alert queue's URL params", () => {
  it("default to open alerts by severity, page 1", () => {
    expect(parseAlertQueueQuery({})).toEqual({ query: { status: "open", sort: "severity", page: 1 }, problems: [] });
  });

  it("accept every filter, repeated or comma-separated severities, any case for enums", () => {
    const { query, problems } = parseAlertQueueQuery({
      customer: "cus_123",
      severity: ["critical", "HIGH,high"],
      status: "in_progress",
      assignee: "me",
      source: "inspector",
      age: "7d",
      sla: "breached",
      sort: "due",
      dir: "desc",
      page: "3",
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      customer: "cus_123",
      severity: ["CRITICAL", "HIGH"],
      status: "IN_PROGRESS",
      assignee: "me",
      source: "INSPECTOR",
      age: "7d",
      sla: "breached",
      sort: "due",
      dir: "desc",
      page: 3,
    });
  });

  it("name each invalid param and fall back to its default", () => {
    const { query, problems } = parseAlertQueueQuery({
      severity: "URGENT",
      status: "closed",
      customer: "x' OR '1'='1",
      page: "-4",
      sla: "late",
    });
    expect(query).toEqual({ status: "open", sort: "severity", page: 1 });
    expect(problems.map((problem) => problem.field).sort()).toEqual(["customer", "page", "severity", "sla", "status"]);
    expect(problems.find((problem) => problem.field === "status")!.message).toMatch(
      /^“status” is not valid .*: closed\. Showing the default \(open\) instead\.$/,
    );
  });

  it("refuse invalid params in the route handler's schema, with the param named", () => {
    const parsed = alertQueueParamsSchema.safeParse({ sla: "late" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(["sla"]);
    expect(alertQueueParamsSchema.parse({ severity: "CRITICAL,HIGH" }).severity).toEqual(["CRITICAL", "HIGH"]);
  });

  it("build URLs that leave defaults out and round-trip", () => {
    expect(alertQueueHref({})).toBe("/alerts");
    const href = alertQueueHref({ severity: ["CRITICAL", "HIGH"], assignee: "none", sort: "due", dir: "asc", page: 2 });
    expect(href).toBe("/alerts?severity=CRITICAL&severity=HIGH&assignee=none&sort=due&page=2");
    const params = new URLSearchParams(href.split("?")[1]);
    const back = parseAlertQueueQuery({ ...Object.fromEntries(params), severity: params.getAll("severity") }).query;
    expect(alertQueueHref(back)).toBe(href);
  });

  it("give the counts route one severity param, comma-joined, that parses back to the same view", () => {
    const query = parseAlertQueueQuery({ severity: ["CRITICAL", "HIGH"], sla: "breached", page: "4" }).query;
    const search = alertQueueSearch(query);
    expect(search).toBe("sla=breached&severity=CRITICAL%2CHIGH");
    expect(alertQueueParamsSchema.parse(Object.fromEntries(new URLSearchParams(search)))).toEqual({
      ...query,
      page: 1,
    });
  });

  it("offer 'my open criticals' and 'breached' as presets, and recognise them", () => {
    const mine = QUEUE_PRESETS.find((preset) => preset.key === "my-open-criticals")!;
    const breached = QUEUE_PRESETS.find((preset) => preset.key === "breached")!;
    expect(alertQueueHref(mine.query)).toBe("/alerts?severity=CRITICAL&assignee=me");
    expect(alertQueueHref(breached.query)).toBe("/alerts?sla=breached&sort=due");
    const query = parseAlertQueueQuery({ severity: "CRITICAL", assignee: "me" }).query;
    expect(isPreset(query, mine)).toBe(true);
    expect(isPreset(query, breached)).toBe(false);
  });
});
