import { cb } from "../../callback-data.js";

/**
 * Callback data of the tool screens. Every button names the draft (the picture) it belongs to, so a
 * press on an old screen finds no open draft and is refused; the tool's options travel in the data
 * (one digit per option: the chosen value's index, "-" for a tool without options), so choosing
 * them writes nothing until Start.
 */
export const TOOL_CB = {
  open: (draftId: number, toolKey: string, choices: string) => cb("tl", "o", draftId, toolKey, choices),
  /** The price shown travels with the press: a different price at charge time asks the user again. */
  start: (draftId: number, toolKey: string, choices: string, price: number) => cb("tl", "go", draftId, toolKey, choices, price),
  back: (draftId: number) => cb("tl", "b", draftId),
} as const;

export const TOOL_PATTERNS = {
  open: /^tl:o:(\d+):([a-z0-9-]{1,24}):(\d{1,6}|-)$/,
  start: /^tl:go:(\d+):([a-z0-9-]{1,24}):(\d{1,6}|-):(\d{1,7})$/,
  back: /^tl:b:(\d+)$/,
} as const;
