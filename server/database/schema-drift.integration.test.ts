import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { postgresArrayElementOf, postgresTypeOf, readPrismaSchema } from "@/tests/prisma-schema-model";

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
}

async function migratedColumns(): Promise<ColumnRow[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<ColumnRow>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function migratedEnums(): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; label: string }>(
      `SELECT t.typname AS name, e.enumlabel AS label FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.name, [...(out.get(r.name) ?? []), r.label]);
    return out;
  } finally {
    await client.end();
  }
}

describe("migrations match prisma/schema.prisma", () => {
  it("create exactly the tables, columns, types and nullability the schema describes", async () => {
    const expected = readPrismaSchema();
    const rows = await migratedColumns();
    const actualTables = [...new Set(rows.map((r) => r.table_name))].sort();
    expect(actualTables).toEqual([...expected.tables.keys()].sort());

    for (const [table, columns] of expected.tables) {
      const actual = rows.filter((r) => r.table_name === table);
      expect(actual.map((r) => r.column_name).sort(), `columns of ${table}`).toEqual(columns.map((c) => c.name).sort());
      for (const column of columns) {
        const row = actual.find((r) => r.column_name === column.name)!;
        const where = `${table}.${column.name}`;
        expect(row.is_nullable === "YES", `${where} nullability`).toBe(column.nullable);
        if (column.isList) {
          expect(row.data_type, `${where} type`).toBe("ARRAY");
          expect(row.udt_name, `${where} element type`).toBe(`_${column.isEnum ? column.prismaType : postgresArrayElementOf[column.prismaType]}`);
        } else if (column.isEnum) expect(row.udt_name, `${where} enum type`).toBe(column.prismaType);
        else expect(row.data_type, `${where} type`).toBe(postgresTypeOf[column.prismaType]);
      }
    }
  });

  it("create the enums with the schema's values in order", async () => {
    const expected = readPrismaSchema();
    expect(Object.fromEntries(await migratedEnums())).toEqual(Object.fromEntries(expected.enums));
  });
});
