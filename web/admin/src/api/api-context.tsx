import { createContext, useContext } from "react";
import type { AdminApi } from "./client.js";

export const ApiContext = createContext<AdminApi | undefined>(undefined);

/** The admin API of the signed-in session. */
export function useApi(): AdminApi {
  const api = useContext(ApiContext);
  if (api === undefined) throw new Error("useApi outside ApiContext");
  return api;
}
