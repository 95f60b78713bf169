import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { accountDeletion } from "./account-deletion.js";
import { dataExport } from "./data-export.js";
import { myData } from "./my-data.js";

/**
 * The data-rights commands: /mydata, /export, /deleteme and consent withdrawal. Open features,
 * registered before the consent gate: a person's rights over their data do not depend on accepting
 * the terms.
 */
export const privacy = new Composer<BotContext>();

privacy.use(myData, dataExport, accountDeletion);
