export * from "./users.js";
export * from "./sessions.js";
export * from "./ledger.js";
export * from "./payments.js";
export * from "./generations.js";
export * from "./models.js";
export * from "./referrals.js";
