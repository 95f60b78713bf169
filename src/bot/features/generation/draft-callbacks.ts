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

export const DRAFT_PATTERNS = {
  models: /^g:m:(\d+)$/,
  setModel: /^g:sm:(\d+):([a-z0-9.-]{1,40})$/,
  param: /^g:p:(\d+):([a-z_]{1,20})$/,
  setParam: /^g:sp:(\d+):([a-z_]{1,20}):(\d{1,3}|d)$/,
  back: /^g:b:(\d+)$/,
  generate: /^g:go:(\d+):(\d{1,7}|trial)$/,
} as const;

/** Buttons on a generation's status and result messages (the worker adds them). */
export const GENERATION_PATTERNS = {
  retry: /^gen:retry:([0-9a-f-]{36})$/,
  again: /^gen:again:([0-9a-f-]{36})$/,
} as const;
