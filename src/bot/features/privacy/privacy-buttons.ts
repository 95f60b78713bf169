import { cb } from "../../callback-data.js";

/** Callback data of the privacy screens; the settings screen and the deletion notice use them too. */
export const PRIVACY = {
  myData: cb("priv", "data"),
  export: cb("priv", "export"),
  deleteAsk: cb("priv", "del"),
  deleteConfirm: cb("priv", "del-yes"),
  withdrawAsk: cb("priv", "wd"),
  withdrawConfirm: cb("priv", "wd-yes"),
  keep: cb("priv", "keep"),
  cancelDeletion: cb("priv", "cancel"),
} as const;
