import { readFileSync } from "node:fs";

/**
 * Reads the tables and columns prisma/schema.prisma describes (models, scalar
 * and enum fields, optionality, @map/@@map). Only what the drift test needs;
 * relation fields have no column and are skipped.
 */
export interface ExpectedColumn {
  name: string;
  prismaType: string;
  nullable: boolean;
  /** A scalar list (`Int[]`): Prisma makes it a nullable PostgreSQL array column. */
  isList: boolean;
  isEnum: boolean;
}

export interface ExpectedSchema {
  tables: Map<string, ExpectedColumn[]>;
  enums: Map<string, string[]>;
}

const blockPattern = /^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm;

export function readPrismaSchema(file = "prisma/schema.prisma"): ExpectedSchema {
  const source = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const blocks = [...source.matchAll(blockPattern)].map((m) => ({ kind: m[1]!, name: m[2]!, body: m[3]! }));
  const modelNames = new Set(blocks.filter((b) => b.kind === "model").map((b) => b.name));
  const enums = new Map(
    blocks
      .filter((b) => b.kind === "enum")
      .map((b) => [b.name, b.body.split("\n").map((l) => l.trim()).filter((l) => /^\w+$/.test(l))]),
  );
  const tables = new Map<string, ExpectedColumn[]>();
  for (const block of blocks.filter((b) => b.kind === "model")) {
    const tableName = /@@map\("([^"]+)"\)/.exec(block.body)?.[1] ?? block.name;
    const columns: ExpectedColumn[] = [];
    for (const raw of block.body.split("\n")) {
      const line = raw.trim();
      const field = /^(\w+)\s+(\w+)(\[\]|\?)?(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, name, type, modifier, attributes] = field as unknown as [string, string, string, string | undefined, string];
      if (modelNames.has(type)) continue;
      const mapped = /@map\("([^"]+)"\)/.exec(attributes)?.[1];
      const isList = modifier === "[]";
      columns.push({ name: mapped ?? name, prismaType: type, nullable: modifier === "?" || isList, isList, isEnum: enums.has(type) });
    }
    tables.set(tableName, columns);
  }
  return { tables, enums };
}

/** The PostgreSQL type Prisma's migrations give each scalar (information_schema data_type). */
export const postgresTypeOf: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric",
  Bytes: "bytea",
};

/** The element type name (pg_type.typname) of each scalar in a list column: `Int[]` is `_int4`. */
export const postgresArrayElementOf: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Float: "float8",
  Decimal: "numeric",
  Bytes: "bytea",
};
