import { and, asc, eq, isNull } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { belongsTo, columnNames, USER_DATA_TABLES, type UserDataTable } from "./user-data-tables.js";

/**
 * Version of the export format (docs/export-schema.md). Raise it when a key changes meaning or goes
 * away; new tables and columns only add keys and keep the version.
 */
export const EXPORT_SCHEMA_VERSION = 1;

/** A database row as exported: SQL column names, times as ISO 8601 strings, JSON columns as JSON. */
export type ExportedRow = Record<string, unknown>;

/**
 * Everything stored about one user (policy 6.4, data portability): `users` holds their own row, every
 * other key is a table with user data and holds the rows that belong to them.
 */
export interface AccountExport {
  schema_version: number;
  generated_at: string;
  users: ExportedRow[];
  [table: string]: ExportedRow[] | number | string;
}

/**
 * Builds the export of a user's data, or undefined when there is no such (unerased) user. Rows of
 * every table with a foreign key to users.id are included, found from the schema, so a new table is
 * exported without changes here. A user-id column that names somebody else (the friend in a referral
 * row) is exported as null: the export is about the requester, not about other people.
 */
export async function buildAccountExport(
  db: Executor,
  userId: number,
  now: Date,
  tables: readonly UserDataTable[] = USER_DATA_TABLES,
): Promise<AccountExport | undefined> {
  const own = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (own.length === 0) return undefined;
  const result: AccountExport = {
    schema_version: EXPORT_SCHEMA_VERSION,
    generated_at: now.toISOString(),
    users: own.map((row) => exportRow(users, row, [])),
  };
  for (const entry of tables) {
    const rows = await db
      .select()
      .from(entry.table)
      .where(belongsTo(entry, userId))
      .orderBy(...primaryKeyOf(entry.table).map((column) => asc(column)));
    result[entry.name] = rows.map((row) => exportRow(entry.table, row, foreignUserKeys(entry, row, userId)));
  }
  return result;
}

/** Property names of the row's user-id columns that name another user. */
function foreignUserKeys(entry: UserDataTable, row: Record<string, unknown>, userId: number): string[] {
  const names = columnNames(entry.table);
  const userColumnNames = new Set(entry.userColumns.map((c) => c.name));
  return Object.keys(row).filter((key) => userColumnNames.has(names.get(key) ?? "") && row[key] !== null && row[key] !== userId);
}

function exportRow(table: PgTable, row: Record<string, unknown>, hidden: readonly string[]): ExportedRow {
  const names = columnNames(table);
  const out: ExportedRow = {};
  for (const [key, value] of Object.entries(row)) {
    out[names.get(key) ?? key] = hidden.includes(key) ? null : value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** The primary key columns, for a stable row order (single-column and composite keys alike). */
function primaryKeyOf(table: PgTable): PgColumn[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((column) => column.primary);
  return single.length > 0 ? single : (config.primaryKeys[0]?.columns ?? []);
}
