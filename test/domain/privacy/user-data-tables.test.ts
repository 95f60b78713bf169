import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { runMigrations } from "../../../src/db/migrate.js";
import * as schema from "../../../src/db/schema/index.js";
import { columnNames, findUserDataTables, tablesIn, USER_DATA_TABLES } from "../../../src/domain/privacy/user-data-tables.js";
import { PURGE_RULES, tablesWithoutPurgeRule } from "../../../src/domain/privacy/purge-rules.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { rowsOf } from "./user-data-fixture.js";

/** A table someone might add tomorrow: support messages with a user reference and no purge rule. */
const supportMessages = pgTable("support_messages_example", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  userId: bigint("user_id", { mode: "number" }).references(() => schema.users.id),
  body: text("body"),
});

describe("tables with user data, from the schema", () => {
  it("are found through their foreign keys to users.id, with every such column", () => {
    const found = Object.fromEntries(USER_DATA_TABLES.map((t) => [t.name, t.userColumns.map((c) => c.name).sort()]));
    // The tables that exist today; a new one shows up here by itself.
    expect(found).toMatchObject({
      ledger_entries: ["user_id"],
      star_orders: ["user_id"],
      star_payments: ["user_id"],
      generations: ["user_id"],
      generation_drafts: ["user_id"],
      generation_preferences: ["user_id"],
      referral_codes: ["user_id"],
      referrals: ["invitee_user_id", "referrer_user_id"],
    });
    expect(found).not.toHaveProperty("users");
    expect(found).not.toHaveProperty("models");
    expect(found).not.toHaveProperty("bot_sessions");
  });

  it("a newly added table with a user reference is found without registering it", () => {
    const tables = findUserDataTables([...tablesIn(schema), supportMessages]);
    expect(tables.map((t) => t.name)).toContain("support_messages_example");
    expect(columnNames(supportMessages).get("userId")).toBe("user_id");
  });

  it("every table with user data declares its purge rule, and every rule belongs to such a table", () => {
    expect(tablesWithoutPurgeRule().map((t) => t.name)).toEqual([]);
    const tables = new Set(USER_DATA_TABLES.map((t) => t.table));
    expect(PURGE_RULES.filter((r) => !tables.has(r.table)).length).toBe(0);
    for (const { rule } of PURGE_RULES) expect(rule.why.length).toBeGreaterThan(20);
  });

  it("a table without a purge rule is reported (the check can fail)", () => {
    const tables = findUserDataTables([...tablesIn(schema), supportMessages]);
    expect(tablesWithoutPurgeRule(tables).map((t) => t.name)).toEqual(["support_messages_example"]);
  });

  it("docs/export-schema.md documents every exported table and column", () => {
    const doc = readFileSync(new URL("../../../docs/export-schema.md", import.meta.url), "utf8");
    for (const entry of [{ name: "users", table: schema.users }, ...USER_DATA_TABLES]) {
      const section = doc.split(/^### /m).find((s) => s.startsWith(`\`${entry.name}\``));
      expect(section, `docs/export-schema.md has no "### \`${entry.name}\`" section`).toBeDefined();
      for (const column of columnNames(entry.table).values()) {
        expect(section, `docs/export-schema.md does not describe ${entry.name}.${column}`).toContain(`| \`${column}\` |`);
      }
    }
  });
});

describe.each(TEST_TARGETS)("the migrated database agrees with the schema on $name", (target) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await target.createDatabase();
    drop = database.drop;
    handle = await openDatabase({ url: database.url, dataDir: database.dataDir });
    await runMigrations(handle);
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it("every foreign key to users in the database is one the privacy code knows", async () => {
    const result = await handle.db.execute<{ table_name: string; column_name: string }>(sql`
      select con.conrelid::regclass::text as table_name, att.attname as column_name
      from pg_constraint con
      join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
      where con.contype = 'f' and con.confrelid = 'public.users'::regclass
      order by 1, 2`);
    const inDatabase = rowsOf<{ table_name: string; column_name: string }>(result).map((r) => `${r.table_name}.${r.column_name}`);
    const known = USER_DATA_TABLES.flatMap((t) => t.userColumns.map((c) => `${t.name}.${c.name}`)).sort();
    expect(inDatabase.sort()).toEqual(known);
  });

  it("no column that looks like a user reference escapes the foreign-key discovery", async () => {
    const result = await handle.db.execute<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_name like '%user_id' and table_name <> 'users'`);
    const looksLikeUser = rowsOf<{ table_name: string; column_name: string }>(result).map((r) => `${r.table_name}.${r.column_name}`);
    const known = new Set(USER_DATA_TABLES.flatMap((t) => t.userColumns.map((c) => `${t.name}.${c.name}`)));
    expect(looksLikeUser.filter((c) => !known.has(c))).toEqual([]);
  });
});
