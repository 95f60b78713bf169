import type { AuditEntry } from "../../../domain/admin/audit-log.js";
import type { AuditEntryView } from "./api-schemas.js";

/** Times leave the API as ISO 8601 strings. */
export function iso(date: Date): string {
  return date.toISOString();
}

export function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

export function auditEntryOut(entry: AuditEntry): AuditEntryView {
  return { ...entry, createdAt: iso(entry.createdAt) };
}
