import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAccountExport, EXPORT_SCHEMA_VERSION } from "../../../src/domain/privacy/account-export.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { rowsOf, seedUserWithData, type SeededUser } from "./user-data-fixture.js";

type UserReference = { table_name: string; column_name: string };

describe.each(TEST_TARGETS)("the data export on $name", (target) => {
  let m: MoneyDatabase;
  let zelda: SeededUser;
  let other: SeededUser;
  /** Every column of every table that references users.id, read from the database catalog. */
  let references: Map<string, string[]>;

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    zelda = await seedUserWithData(m.db, "Zelda");
    other = await seedUserWithData(m.db, "Otto");
    const result = await m.db.execute<UserReference>(sql`
      select con.conrelid::regclass::text as table_name, att.attname as column_name
      from pg_constraint con
      join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
      where con.contype = 'f' and con.confrelid = 'public.users'::regclass`);
    references = new Map();
    for (const { table_name, column_name } of rowsOf<UserReference>(result)) {
      references.set(table_name, [...(references.get(table_name) ?? []), column_name]);
    }
  });
  afterAll(async () => {
    await m?.close();
  });

  /** The user's rows of a table, read with plain SQL from the catalog's columns, not through the code under test. */
  async function rowsOfUser(table: string, columns: string[], userId: number): Promise<Array<Record<string, unknown>>> {
    const condition = sql.join(
      columns.map((c) => sql`${sql.identifier(c)} = ${userId}`),
      sql` or `,
    );
    return rowsOf(await m.db.execute(sql`select * from ${sql.identifier(table)} where ${condition}`));
  }

  it("has every table that references users, each with exactly the user's rows", async () => {
    const document = await buildAccountExport(m.db, zelda.userId, new Date("2026-02-01T10:00:00Z"));
    expect(document).toBeDefined();
    expect(document!.schema_version).toBe(EXPORT_SCHEMA_VERSION);
    expect(document!.generated_at).toBe("2026-02-01T10:00:00.000Z");
    expect(references.size).toBeGreaterThanOrEqual(8);
    for (const [table, columns] of references) {
      const expected = await rowsOfUser(table, columns, zelda.userId);
      // The fixture gives the user rows in every table, so an empty section cannot pass unnoticed.
      expect(expected.length, `seed a row of ${table} in test/domain/privacy/user-data-fixture.ts`).toBeGreaterThan(0);
      const section = document![table];
      expect(Array.isArray(section), `the export has no "${table}" section`).toBe(true);
      const exported = section as Array<Record<string, unknown>>;
      expect(exported).toHaveLength(expected.length);
      // Same rows: every exported row has the columns of the table, the user's id where it names them.
      for (const row of exported) {
        expect(Object.keys(row).sort()).toEqual(Object.keys(expected[0]!).sort());
        expect(columns.some((c) => row[c] === zelda.userId)).toBe(true);
      }
    }
  });

  it("carries the profile, consent, prompts, parameters, reference file ids and URLs, results and the referral code", async () => {
    const document = await buildAccountExport(m.db, zelda.userId, new Date());
    const text = JSON.stringify(document);
    for (const value of [zelda.firstName, zelda.lastName, zelda.username, zelda.prompt, zelda.draftPrompt, zelda.referralCode, ...zelda.fileIds, ...zelda.urls]) {
      expect(text).toContain(value);
    }
    const [user] = document!.users;
    expect(user).toMatchObject({ telegram_id: zelda.telegramId, first_name: zelda.firstName, accepted_policy_version: 1, broadcast_opt_in: true });
    expect(typeof user!.accepted_policy_at).toBe("string");
    const [generation] = document!.generations as Array<Record<string, unknown>>;
    expect(generation).toMatchObject({ prompt: zelda.prompt, params: { aspect_ratio: "1:1" }, result_file_ids: [zelda.fileIds[1]], outputs: [zelda.urls[1]] });
    // The export parses back as JSON without loss (times are ISO strings).
    expect(JSON.parse(text)).toEqual(document);
  });

  it("holds nothing of another user, and hides who the user's referrer and friends are", async () => {
    const document = await buildAccountExport(m.db, zelda.userId, new Date());
    const text = JSON.stringify(document);
    for (const value of other.personalValues()) expect(text).not.toContain(value);
    const referrals = document!.referrals as Array<Record<string, unknown>>;
    expect(referrals).toHaveLength(2);
    const invited = referrals.find((r) => r.invitee_user_id === zelda.userId);
    const invitedSomeone = referrals.find((r) => r.referrer_user_id === zelda.userId);
    expect(invited?.referrer_user_id).toBeNull();
    expect(invitedSomeone?.invitee_user_id).toBeNull();
    expect(text).not.toContain(`"invitee_user_id":${zelda.inviteeUserId}`);
  });

  it("is undefined for an unknown user", async () => {
    expect(await buildAccountExport(m.db, 987_654_321, new Date())).toBeUndefined();
  });
});
