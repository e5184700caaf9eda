import { describe, expect, it } from "vitest";
import { evaluateExpression, ExpressionError, expressionMatches } from "./expression";

const vars = {
  event: { name: "app/asked", data: { id: "t1", amount: 120, user: { id: "u1", tags: ["a", "b"] }, ok: true } },
  async: { name: "app/answered", data: { id: "t1", amount: 80, user: { id: "u2" } } },
};

describe("expressions (the CEL subset)", () => {
  it.each([
    ["event.data.id == async.data.id", true],
    ["event.data.user.id == async.data.user.id", false],
    ["event.data.user.id != async.data.user.id", true],
    ["event.data.amount >= 100 && async.data.amount < 100", true],
    ["event.data.amount > 500 || event.data.ok", true],
    ["!(event.data.amount > 500)", true],
    ["event.data['id'] == 't1'", true],
    ["event.data.user.tags[1] == \"b\"", true],
    ["event.data.amount - async.data.amount == 40", true],
    ["event.name == 'app/asked' && async.name == \"app/answered\"", true],
    ["event.data.missing == async.data.missing", false],
    ["event.data.missing != 'x'", false],
    ["event.data.amount > 'a'", false],
    ["true", true],
  ])("%s -> %s", (expression, expected) => {
    expect(expressionMatches(expression, vars)).toBe(expected);
  });

  it("builds keys with +", () => {
    expect(evaluateExpression(`event.data.user.id + "-" + event.data.id`, vars)).toBe("u1-t1");
    expect(evaluateExpression("event.data.amount + 1", vars)).toBe(121);
    expect(evaluateExpression("event.data.nope", vars)).toBeUndefined();
  });

  it("compares objects by value", () => {
    expect(expressionMatches("event.data.user == event.data.user", vars)).toBe(true);
    expect(expressionMatches("event.data.user == async.data.user", vars)).toBe(false);
  });

  it.each(["event.data.id ==", "size(event.data)", "event.data.id ~ 1", "'open", "event..data"])("rejects %s with a message", (expression) => {
    expect(() => evaluateExpression(expression, vars)).toThrow(ExpressionError);
  });
});
