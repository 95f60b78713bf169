import { cb } from "../../callback-data.js";

/**
 * Callback data of the draft menu. Every button names the draft it belongs to, so a press on an old
 * menu (or a forged one) finds no open draft of this user and is refused.
 */
export const DRAFT_CB = {
  models: (draftId: number) => cb("g", "m", draftId),
  setModel: (draftId: number, modelKey: string) => cb("g", "sm", draftId, modelKey),
  param: (draftId: number, name: string) => cb("g", "p", draftId, name),
  /** `choice` is the value's index in the model's list, or "d" for the provider's default. */
  setParam: (draftId: number, name: string, choice: number | "d") => cb("g", "sp", draftId, name, choice),
  back: (draftId: number) => cb("g", "b", draftId),
  /** The price shown travels with the press: a different price at charge time asks the user again. */
  generate: (draftId: number, price: number | "trial") => cb("g", "go", draftId, price),
} as const;

/**
 * Draft ids are at most 15 digits (a safe integer): a longer forged id matches nothing, instead of
 * reaching the database as a number out of range.
 */
export const DRAFT_PATTERNS = {
  models: /^g:m:(\d{1,15})$/,
  setModel: /^g:sm:(\d{1,15}):([a-z0-9.-]{1,40})$/,
  param: /^g:p:(\d{1,15}):([a-z_]{1,20})$/,
  setParam: /^g:sp:(\d{1,15}):([a-z_]{1,20}):(\d{1,3}|d)$/,
  back: /^g:b:(\d{1,15})$/,
  generate: /^g:go:(\d{1,15}):(\d{1,7}|trial)$/,
} as const;

/** The canonical UUID shape; anything else (forged) matches nothing rather than failing the uuid cast in SQL. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Buttons on a generation's status and result messages (the worker adds them). */
export const GENERATION_PATTERNS = {
  retry: new RegExp(`^gen:retry:(${UUID})$`),
  again: new RegExp(`^gen:again:(${UUID})$`),
} as const;
