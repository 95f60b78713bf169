import type { Database } from "../../db/client.js";
import type { CatalogModel } from "../catalog/catalog-model.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";

/** No model or tool with this key. */
export class ModelNotFoundError extends Error {
  constructor(readonly modelKey: string) {
    super(`no model "${modelKey}"`);
    this.name = "ModelNotFoundError";
  }
}

/** What an admin may change about a model from the panel; absent fields stay as they are. */
export interface ModelEdit {
  enabled?: boolean | undefined;
  sortOrder?: number | undefined;
  /** A fixed price in credits, or null to go back to the computed price. */
  priceOverrideCredits?: number | null | undefined;
}

/**
 * An admin's change of a model through the catalog service (validated there, and invalidated in every
 * process, so menus and charges change together), audited with the model before and after. The
 * catalog writes on its own connection, so the record follows the change rather than sharing its
 * transaction, as with Stars refunds.
 */
export async function editModelByAdmin(
  db: Database,
  catalog: CatalogService,
  request: { adminTelegramId: number; key: string; edit: ModelEdit },
): Promise<CatalogModel> {
  const before = await catalog.get(request.key);
  if (!before) throw new ModelNotFoundError(request.key);
  const { enabled, sortOrder, priceOverrideCredits } = request.edit;
  let after: CatalogModel | undefined = before;
  if (priceOverrideCredits !== undefined) after = await catalog.setPriceOverride(request.key, priceOverrideCredits);
  if (sortOrder !== undefined) after = await catalog.setOrder(request.key, sortOrder);
  if (enabled !== undefined) after = await catalog.setEnabled(request.key, enabled);
  if (!after) throw new ModelNotFoundError(request.key);
  const changed = (["enabled", "sortOrder", "priceOverrideCredits"] as const).filter((field) => before[field] !== after[field]);
  if (changed.length > 0) {
    await recordAdminAction(db, {
      adminTelegramId: request.adminTelegramId,
      action: ADMIN_ACTIONS.modelChanged,
      target: `model:${request.key}`,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, after[field]])),
    });
  }
  return after;
}
