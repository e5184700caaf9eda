import type { JsonValue } from "./json";

/**
 * The part of CEL (Common Expression Language) that Inngest functions use in
 * trigger `if`, waitForEvent `if`/`match`, cancelOn, concurrency and
 * idempotency keys: literals, `event.data.x` / `async["x"]` paths,
 * == != < <= > >= && || ! + - and parentheses. Anything else is a syntax error
 * with a message, so a function using more of CEL fails loudly rather than
 * matching wrongly. A path that does not exist makes every comparison false,
 * as a CEL evaluation error does in Inngest.
 */
export class ExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Cannot evaluate "${expression}": ${reason}. The embedded executor supports literals, dotted paths, == != < <= > >= && || ! + - and parentheses.`);
    this.name = "ExpressionError";
  }
}

type Value = JsonValue | undefined;

type Node =
  | { kind: "literal"; value: JsonValue }
  | { kind: "ident"; name: string }
  | { kind: "member"; object: Node; property: Node }
  | { kind: "unary"; op: "!" | "-"; operand: Node }
  | { kind: "binary"; op: string; left: Node; right: Node };

type Token = { type: "num"; value: number } | { type: "str"; value: string } | { type: "ident"; value: string } | { type: "op"; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      tokens.push({ type: "op", value: two });
      i += 2;
      continue;
    }
    if ("<>!+-().[]".includes(ch)) {
      tokens.push({ type: "op", value: ch });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== ch) {
        if (source[j] === "\\" && j + 1 < source.length) {
          const next = source[j + 1]!;
          text += next === "n" ? "\n" : next === "t" ? "\t" : next;
          j += 2;
        } else {
          text += source[j];
          j++;
        }
      }
      if (j >= source.length) throw new ExpressionError(source, "unterminated string");
      tokens.push({ type: "str", value: text });
      i = j + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ type: "num", value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ type: "ident", value: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw new ExpressionError(source, `unexpected "${ch}"`);
  }
  return tokens;
}

function parse(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peekOp = (...ops: string[]) => {
    const t = tokens[pos];
    return t?.type === "op" && ops.includes(t.value) ? t.value : undefined;
  };
  const expectOp = (op: string) => {
    if (!peekOp(op)) throw new ExpressionError(source, `expected "${op}"`);
    pos++;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    for (let op = peekOp(...ops); op; op = peekOp(...ops)) {
      pos++;
      left = { kind: "binary", op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionError(source, "unexpected end");
    if (t.type === "num" || t.type === "str") return { kind: "literal", value: t.value };
    if (t.type === "ident") {
      if (t.value === "true" || t.value === "false") return { kind: "literal", value: t.value === "true" };
      if (t.value === "null") return { kind: "literal", value: null };
      return { kind: "ident", name: t.value };
    }
    if (t.value === "(") {
      const inner = or();
      expectOp(")");
      return inner;
    }
    throw new ExpressionError(source, `unexpected "${t.value}"`);
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (peekOp(".")) {
        pos++;
        const name = tokens[pos++];
        if (name?.type !== "ident") throw new ExpressionError(source, "expected a field name after '.'");
        node = { kind: "member", object: node, property: { kind: "literal", value: name.value } };
      } else if (peekOp("[")) {
        pos++;
        const property = or();
        expectOp("]");
        node = { kind: "member", object: node, property };
      } else return node;
    }
  };
  const unary = (): Node => {
    const op = peekOp("!", "-");
    if (op === "!" || op === "-") {
      pos++;
      return { kind: "unary", op, operand: unary() };
    }
    return postfix();
  };
  const additive = binary(unary, ["+", "-"]);
  const relational = binary(additive, ["<", "<=", ">", ">="]);
  const equality = binary(relational, ["==", "!="]);
  const and = binary(equality, ["&&"]);
  const or = binary(and, ["||"]);
  const tree = or();
  if (pos < tokens.length) throw new ExpressionError(source, "unexpected text after the expression");
  return tree;
}

function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, JsonValue>;
  const rb = b as Record<string, JsonValue>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k]!, rb[k]!));
}

function evaluate(node: Node, vars: Record<string, JsonValue>): Value {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "ident":
      return Object.hasOwn(vars, node.name) ? vars[node.name] : undefined;
    case "member": {
      const object = evaluate(node.object, vars);
      const key = evaluate(node.property, vars);
      if (object === null || object === undefined || typeof object !== "object") return undefined;
      if (Array.isArray(object)) return typeof key === "number" ? object[key] : undefined;
      return typeof key === "string" && Object.hasOwn(object, key) ? object[key] : undefined;
    }
    case "unary": {
      const value = evaluate(node.operand, vars);
      if (node.op === "!") return typeof value === "boolean" ? !value : undefined;
      return typeof value === "number" ? -value : undefined;
    }
    case "binary": {
      if (node.op === "&&" || node.op === "||") {
        const left = evaluate(node.left, vars);
        if (node.op === "&&" && left === false) return false;
        if (node.op === "||" && left === true) return true;
        const right = evaluate(node.right, vars);
        if (typeof right !== "boolean" || typeof left !== "boolean") return node.op === "||" && right === true ? true : undefined;
        return right;
      }
      const left = evaluate(node.left, vars);
      const right = evaluate(node.right, vars);
      if (left === undefined || right === undefined) return undefined;
      switch (node.op) {
        case "==":
          return deepEqual(left, right);
        case "!=":
          return !deepEqual(left, right);
        case "+":
          if (typeof left === "number" && typeof right === "number") return left + right;
          if (typeof left === "string" && typeof right === "string") return left + right;
          return undefined;
        case "-":
          return typeof left === "number" && typeof right === "number" ? left - right : undefined;
        default: {
          const comparable = (typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string");
          if (!comparable) return undefined;
          const [l, r] = [left as number | string, right as number | string];
          return node.op === "<" ? l < r : node.op === "<=" ? l <= r : node.op === ">" ? l > r : l >= r;
        }
      }
    }
  }
}

const parsed = new Map<string, Node>();

function compile(expression: string): Node {
  let tree = parsed.get(expression);
  if (!tree) {
    tree = parse(expression);
    if (parsed.size > 1000) parsed.clear();
    parsed.set(expression, tree);
  }
  return tree;
}

/** The value of `expression`, or undefined when a path is missing or types do not fit. Throws ExpressionError on syntax. */
export function evaluateExpression(expression: string, vars: Record<string, JsonValue>): JsonValue | undefined {
  return evaluate(compile(expression), vars);
}

/** True only when the expression evaluates to `true`. */
export function expressionMatches(expression: string, vars: Record<string, JsonValue>): boolean {
  return evaluateExpression(expression, vars) === true;
}

/** Throws ExpressionError when the expression is not in the supported subset. */
export function checkExpression(expression: string): void {
  compile(expression);
}
