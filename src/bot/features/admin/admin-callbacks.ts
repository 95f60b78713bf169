import { cb, cbPattern } from "../../callback-data.js";

/** Callback data of the admin screens ("adm:<action>[:<arg>]"). Non-admins pressing them get "menu expired". */
export const ADMIN = {
  menu: cb("adm", "menu"),
  stats: cb("adm", "stats"),
  users: cb("adm", "users"),
  provider: cb("adm", "prov"),
  broadcasts: cb("adm", "bc"),
  newBroadcast: cb("adm", "bcnew"),
  cancelInput: cb("adm", "cancel"),
  user: (userId: number) => cb("adm", "u", userId),
  adjust: (userId: number) => cb("adm", "adj", userId),
  ban: (userId: number) => cb("adm", "ban", userId),
  unban: (userId: number) => cb("adm", "unban", userId),
  generations: (userId: number) => cb("adm", "gens", userId),
  refundGeneration: (generationId: number) => cb("adm", "gref", generationId),
  confirmGenerationRefund: (generationId: number) => cb("adm", "grefok", generationId),
  payments: (userId: number) => cb("adm", "pays", userId),
  refundPayment: (userId: number, token: string) => cb("adm", "pref", userId, token),
  confirmPaymentRefund: (userId: number, token: string) => cb("adm", "prefok", userId, token),
  deleteAccount: (userId: number) => cb("adm", "del", userId),
  deleteReason: (userId: number, reason: string) => cb("adm", "delr", userId, reason),
  confirmDelete: (userId: number, reason: string) => cb("adm", "delok", userId, reason),
  audience: (broadcastId: number, kind: string) => cb("adm", "bca", broadcastId, kind),
  audienceLocale: (broadcastId: number, locale: string) => cb("adm", "bcl", broadcastId, locale),
  addButton: (broadcastId: number) => cb("adm", "bcbtn", broadcastId),
  skipButton: (broadcastId: number) => cb("adm", "bcnobtn", broadcastId),
  preview: (broadcastId: number) => cb("adm", "bcpv", broadcastId),
  start: (broadcastId: number) => cb("adm", "bcgo", broadcastId),
  discard: (broadcastId: number) => cb("adm", "bcx", broadcastId),
} as const;

const ID = "\\d{1,15}";

/** Patterns for the handlers; the captured groups are the arguments above. */
export const ADMIN_PATTERN = {
  user: cbPattern("adm", "u", ID),
  adjust: cbPattern("adm", "adj", ID),
  ban: cbPattern("adm", "ban", ID),
  unban: cbPattern("adm", "unban", ID),
  generations: cbPattern("adm", "gens", ID),
  refundGeneration: cbPattern("adm", "gref", ID),
  confirmGenerationRefund: cbPattern("adm", "grefok", ID),
  payments: cbPattern("adm", "pays", ID),
  refundPayment: cbPattern("adm", "pref", ID, "[A-Za-z0-9_-]{16}"),
  confirmPaymentRefund: cbPattern("adm", "prefok", ID, "[A-Za-z0-9_-]{16}"),
  deleteAccount: cbPattern("adm", "del", ID),
  deleteReason: cbPattern("adm", "delr", ID, "request|child"),
  confirmDelete: cbPattern("adm", "delok", ID, "request|child"),
  audience: cbPattern("adm", "bca", ID, "[a-z0-9_]{2,20}"),
  audienceLocale: cbPattern("adm", "bcl", ID, "[a-z]{2}"),
  addButton: cbPattern("adm", "bcbtn", ID),
  skipButton: cbPattern("adm", "bcnobtn", ID),
  preview: cbPattern("adm", "bcpv", ID),
  start: cbPattern("adm", "bcgo", ID),
  discard: cbPattern("adm", "bcx", ID),
} as const;
