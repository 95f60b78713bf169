import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { recordSecurityEvent } from "../../../infra/security-events.js";
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
  // Someone else reaching for an admin action is answered as if it did not exist, and recorded.
  feature.use(async (ctx, next) => {
    const action = adminAction(ctx);
    if (action !== undefined && !isAdmin(ctx)) {
      recordSecurityEvent({ logger: ctx.log, metrics: ctx.deps.metrics }, "authorization_refused", { area: "bot_admin", action, userId: ctx.from?.id });
    }
    return next();
  });
  const admins = feature.filter(isAdmin);
  // Inputs the admin was asked for come first, so a typed answer is never taken for a prompt.
  admins.use(broadcastWizard, creditAdjustment, userBans, userScreens);
  admins.use(adminMenu, statisticsScreen, providerScreen, generationRefunds, paymentRefunds, accountDeletion, broadcastControls);
  return feature;
}

/** The admin action an update asks for (/admin, or an admin button's callback data), if any. */
function adminAction(ctx: BotContext): string | undefined {
  const data = ctx.callbackQuery?.data;
  if (data?.startsWith("adm:")) return data.split(":").slice(0, 2).join(":");
  const text = ctx.message?.text;
  const command = ctx.message?.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ? text?.split(/[\s@]/)[0] : undefined;
  return command === "/admin" ? command : undefined;
}
