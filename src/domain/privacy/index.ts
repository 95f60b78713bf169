export { PrivacyService, type ExportClaim, type PrivacyServiceDeps, type PrivacySettings } from "./privacy-service.js";
export { eraseAccount, eraseAccountNow, purgeDueAccounts, type ErasureActor, type ErasureDeps, type ErasureOutcome, type PurgeReport } from "./account-erasure.js";
export { buildAccountExport, EXPORT_SCHEMA_VERSION, type AccountExport, type ExportedRow } from "./account-export.js";
export { summarizeUserData, type DataSummary } from "./data-summary.js";
export { DELETION_REASONS, isCancellableByUser, type AdminDeletionReason, type DeletionReason, type UserDeletionReason } from "./deletion-reasons.js";
export { broadcastRecipientCondition, listBroadcastRecipients, mayReceiveBroadcast, type BroadcastAudience, type BroadcastRecipient } from "./broadcast-audience.js";
export { isPrivacyPreference, PRIVACY_PREFERENCES, type PrivacyPreference } from "./privacy-preferences.js";
export { ERASED_TELEGRAM_ID, MissingPurgeRuleError, PURGE_RULES, tablesWithoutPurgeRule, type PurgeRule } from "./purge-rules.js";
export { findUserDataTables, USER_DATA_TABLES, type UserDataTable } from "./user-data-tables.js";
