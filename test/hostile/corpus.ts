import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { LOCALES } from "../../src/config.js";

/**
 * The hostile input corpus: JSON fixtures in ./fixtures, one case per hostile input, each with the
 * outcome it must have. The files are the corpus; this module only gives them a schema, so a typo in a
 * fixture fails loudly instead of testing nothing.
 *
 * Values in a step may use placeholders, resolved when the step runs:
 * - a string that is exactly `{{NAME}}` becomes the value itself (an object or a number);
 * - `{{NAME}}` inside a longer string is replaced by the value as text;
 * - `{"$repeat": "ab", "times": 3, "prefix": "x"}` becomes "xababab" (huge inputs without huge files).
 * Names: UID, USER, CHAT, NOW, MSG_ID (fresh per step), QUERY_ID (fresh per step), LAST_MENU (the
 * latest bot message with buttons, as a Message), DRAFT_ID, PREV_DRAFT_ID, GO_DATA (the latest Generate
 * button's data), INVOICE_PAYLOAD, CHARGE_ID,
 * GENERATION_ID (the user's latest), and OTHER_UID, OTHER_USER, OTHER_DRAFT_ID, OTHER_INVOICE_PAYLOAD,
 * OTHER_GENERATION_ID for the victim: another user who holds credits, an open draft, an unpaid
 * invoice and a generation.
 */

/** A text, or a generator of a long one. */
const textValue = z.union([
  z.string(),
  z.object({ $repeat: z.string().min(1), times: z.number().int().min(1).max(100_000), prefix: z.string().optional(), suffix: z.string().optional() }).strict(),
]);
export type TextValue = z.infer<typeof textValue>;

const stepSchema = z.union([
  /** The user sends a text message from a Telegram client (trimmed, commands get their entity). */
  z.object({ text: textValue }).strict(),
  /** A raw update, exactly as given (after placeholders); Telegram or a forger could send it. */
  z.object({ update: z.record(z.string(), z.unknown()) }).strict(),
  /** A real press of the button whose callback data starts with this prefix, on the latest message that has one. */
  z.object({ press: z.string().min(1) }).strict(),
  /** The user sends a file as a document: bytes from base64, from text, or `size` zero bytes. */
  z
    .object({
      document: z
        .object({
          file_name: z.string(),
          mime_type: z.string().optional(),
          base64: z.string().optional(),
          text: z.string().optional(),
          size: z.number().int().min(0).max(1_000_000).optional(),
          caption: textValue.optional(),
        })
        .strict(),
    })
    .strict(),
  /** The user sends a photo (the emulator's default image) with an optional caption. */
  z.object({ photo: z.object({ caption: textValue.optional() }).strict() }).strict(),
  /** The user sends an album of 2–10 photos (clients cannot send more). */
  z.object({ album: z.object({ photos: z.number().int().min(2).max(10), caption: textValue.optional() }).strict() }).strict(),
  /** An album of forged photo updates sharing one media_group_id (any size: no client limits it). */
  z.object({ rawAlbum: z.object({ photos: z.number().int().min(2).max(30), caption: textValue.optional() }).strict() }).strict(),
  /** The user pays the latest invoice in the chat through Telegram's exchange. */
  z.object({ pay: z.literal("last-invoice") }).strict(),
]);
export type Step = z.infer<typeof stepSchema>;

const nestedMessage = z.object({ message: z.string().min(1), vars: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).strict();

const outcomeSchema = z.discriminatedUnion("outcome", [
  /** Nothing is said or done towards this user: no message, no edit, no answer. */
  z.object({ outcome: z.literal("ignored") }).strict(),
  /**
   * The user is told `message` (a locale message id) in their language: as a message or an edit
   * (`via: message`), a callback answer (`via: callback`) or a refused pre-checkout (`via: pre_checkout`).
   * `refused` is the same check for inputs the bot turns down.
   */
  z
    .object({
      outcome: z.enum(["answered", "refused"]),
      message: z.string().min(1),
      via: z.enum(["message", "callback", "pre_checkout"]),
      /** Message variables; `{ "message": id, "vars": {…} }` is itself translated first (nested texts like "1 000 credits"). */
      vars: z.record(z.string(), z.union([z.string(), z.number(), nestedMessage])).optional(),
    })
    .strict(),
  /** Taken as a prompt: a draft menu whose text shows `contains` literally (escaped, not interpreted). */
  z.object({ outcome: z.literal("draft"), contains: textValue }).strict(),
]);
export type Outcome = z.infer<typeof outcomeSchema>;

const caseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().min(10),
    /**
     * new: never wrote to the bot; language: picked a language, not accepted the terms; onboarded: home
     * menu; funded: onboarded with 1000 credits; banned: onboarded, then banned by an admin ("spam").
     */
    user: z.enum(["new", "language", "onboarded", "funded", "banned"]).default("onboarded"),
    locale: z.enum(LOCALES).optional(),
    /** Steps that prepare the case; their effects are not asserted. */
    setup: z.array(stepSchema).default([]),
    /** The hostile input itself. */
    steps: z.array(stepSchema).min(1),
    expect: outcomeSchema,
    /** Credits the steps may move (a purchase that is expected to go through); 0 for everything hostile. */
    balanceDelta: z.number().int().default(0),
    /**
     * The one error the case must log, when the input is an anomaly an operator has to see (money that
     * matches no order). Any other error line fails the case.
     */
    errorLog: z.string().optional(),
  })
  .strict();
export type HostileCase = z.infer<typeof caseSchema>;

const fileSchema = z.object({ about: z.string(), cases: z.array(caseSchema).min(1) }).strict();

const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/** Every case of every fixture file, validated; ids are unique across files. */
export function loadCorpus(): Array<HostileCase & { file: string }> {
  const cases: Array<HostileCase & { file: string }> = [];
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith(".json")).sort()) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(FIXTURES_DIR, file), "utf8")));
    if (!parsed.success) throw new Error(`test/hostile/fixtures/${file}: ${parsed.error.message}`);
    for (const c of parsed.data.cases) cases.push({ ...c, file });
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`hostile case id "${c.id}" is used twice`);
    seen.add(c.id);
  }
  return cases;
}

/** Expands a text generator. */
export function textOf(value: TextValue): string {
  if (typeof value === "string") return value;
  return `${value.prefix ?? ""}${value.$repeat.repeat(value.times)}${value.suffix ?? ""}`;
}

/**
 * Resolves placeholders in a fixture value (see the module comment). `values` maps names to what they
 * stand for; an unknown name is an error in the fixture.
 */
export function resolvePlaceholders(value: unknown, values: (name: string) => unknown): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{([A-Z_]+)\}\}$/.exec(value);
    if (whole) return values(whole[1]!);
    return value.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => String(values(name)));
  }
  if (Array.isArray(value)) return value.map((item) => resolvePlaceholders(item, values));
  if (value !== null && typeof value === "object") {
    if ("$repeat" in value) return textOf(value as TextValue);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolvePlaceholders(item, values)]));
  }
  return value;
}
