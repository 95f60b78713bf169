import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { isAdmin } from "./admin-access.js";
import { accountDeletion } from "./account-deletion.js";
import { adminMenu } from "./admin-menu.js";
import { broadcastControls } from "./broadcast-controls.js";
import { broadcastWizard } from "./broadcast-wizard.js";
import { creditAdjustment } from "./credit-adjustment.js";
import { generationRefunds } from "./generation-refunds.js";
import { paymentRefunds } from "./payment-refunds.js";
import { providerScreen } from "./provider-screen.js";
import { statisticsScreen } from "./statistics-screen.js";
import { userBans } from "./user-bans.js";
import { userScreens } from "./user-screens.js";

/**
 * The admin menu (/admin): statistics, users and their money, broadcasts, the provider. Only ADMIN_IDS
 * get in; for anyone else every update passes through untouched, so /admin meets the usual
 * unknown-command answer and nothing hints that it exists. Registered before the consent gate: an
 * admin's tools never wait on their own consent.
 */
export function createAdminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admins = feature.filter(isAdmin);
  // Inputs the admin was asked for come first, so a typed answer is never taken for a prompt.
  admins.use(broadcastWizard, creditAdjustment, userBans, userScreens);
  admins.use(adminMenu, statisticsScreen, providerScreen, generationRefunds, paymentRefunds, accountDeletion, broadcastControls);
  return feature;
}
