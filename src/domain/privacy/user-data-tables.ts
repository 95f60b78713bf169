import { eq, getTableColumns, is, or, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema/index.js";

/** A table whose rows belong to a user: it has at least one foreign key to users.id. */
export interface UserDataTable {
  readonly table: PgTable;
  /** The SQL name, which is also the table's key in an export. */
  readonly name: string;
  /** The columns that hold a users.id; a row belongs to a user when any of them names that user. */
  readonly userColumns: readonly PgColumn[];
}

/** Every Drizzle table a module exports (the schema barrel, or a test's own tables). */
export function tablesIn(module: Readonly<Record<string, unknown>>): PgTable[] {
  return Object.values(module).filter((value): value is PgTable => is(value, PgTable));
}

/**
 * The tables that hold user data, found from the schema's foreign keys rather than from a list, so a
 * table added later is exported and must declare a purge rule (purge-rules.ts) without anyone
 * remembering to register it. The users table itself is handled apart: it is the person.
 */
export function findUserDataTables(tables: readonly PgTable[] = tablesIn(schema)): UserDataTable[] {
  const found: UserDataTable[] = [];
  for (const table of tables) {
    if (table === schema.users) continue;
    const config = getTableConfig(table);
    const userColumns = config.foreignKeys.flatMap((foreignKey) => {
      const reference = foreignKey.reference();
      const pointsAtUserId = reference.foreignTable === schema.users && reference.foreignColumns.every((c) => c.name === "id");
      return pointsAtUserId ? reference.columns : [];
    });
    if (userColumns.length > 0) found.push({ table, name: config.name, userColumns });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The user-data tables of the service's schema, computed once at start. */
export const USER_DATA_TABLES: readonly UserDataTable[] = findUserDataTables();

/** JS property name → SQL column name, for turning Drizzle rows into rows as the database names them. */
export function columnNames(table: PgTable): ReadonlyMap<string, string> {
  return new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name]));
}

/**
 * The condition "this row belongs to the user": any of the table's user-id columns names them. Export,
 * summary and erasure all select a user's rows through it.
 */
export function belongsTo(entry: UserDataTable, userId: number): SQL {
  const conditions = entry.userColumns.map((column) => eq(column, userId));
  const combined = conditions.length === 1 ? conditions[0] : or(...conditions);
  if (!combined) throw new Error(`table ${entry.name} has no user columns`);
  return combined;
}
