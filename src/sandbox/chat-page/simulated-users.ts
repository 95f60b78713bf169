import { z } from "zod";
import type { SimulatedUser } from "./api-types.js";
import { ChatPageRequestError } from "./request-error.js";

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** What Telegram allows in a user profile, so the bot never sees a user Telegram could not have. */
export const simulatedUserSchema = z.object({
  id: z.number().int().positive().max(2 ** 52, "must be a Telegram user id (at most 52 bits)"),
  first_name: z.string().trim().min(1, "is required").max(64),
  last_name: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
  username: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/, "must be 5–32 letters, digits or _ and start with a letter")
      .optional(),
  ),
  language_code: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be an IETF language tag such as en, uz or pt-br")
      .optional(),
  ),
});

/** Present from the start, so a person can open the page and type /start right away. */
const DEFAULT_SIMULATED_USER: SimulatedUser = { id: 100_000_001, first_name: "Alex", username: "alex_sandbox", language_code: "en" };

/**
 * The simulated users of the chat page, in creation order. Kept in memory like the emulator's chats: a
 * restart forgets them (the bot's database remembers them, so re-creating the same id continues).
 */
export class SimulatedUsers {
  private readonly users = new Map<number, SimulatedUser>();

  constructor(private readonly botId: number) {
    this.users.set(DEFAULT_SIMULATED_USER.id, DEFAULT_SIMULATED_USER);
  }

  list(): SimulatedUser[] {
    return [...this.users.values()];
  }

  /** Throws a 404 for a user the page never created: the emulator would invent one silently. */
  get(id: number): SimulatedUser {
    const user = this.users.get(id);
    if (user === undefined) throw new ChatPageRequestError(404, `no simulated user ${id}; create it first`);
    return user;
  }

  /** Adds a validated user; an id in use is refused, because the emulator keeps the first profile of an id. */
  create(user: SimulatedUser): SimulatedUser {
    if (user.id === this.botId) throw new ChatPageRequestError(400, "id: that is the bot's own id");
    if (this.users.has(user.id)) throw new ChatPageRequestError(409, `id: user ${user.id} exists already; pick it in the list`);
    this.users.set(user.id, user);
    return user;
  }
}
