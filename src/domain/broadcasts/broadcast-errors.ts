import type { BroadcastStatus } from "./broadcast-status.js";

/** The ways an admin's broadcast step can be refused; each maps to one localized message. */

export class BroadcastNotFoundError extends Error {
  constructor(readonly broadcastId: number) {
    super(`no broadcast ${broadcastId}`);
    this.name = "BroadcastNotFoundError";
  }
}

/** The broadcast is not in a state that allows this (a double press, an outdated button). */
export class BroadcastStateError extends Error {
  constructor(
    readonly broadcastId: number,
    readonly status: BroadcastStatus | string,
  ) {
    super(`broadcast ${broadcastId} is ${status}`);
    this.name = "BroadcastStateError";
  }
}

/** Nobody is in the chosen audience (after opt-outs, bans and blocks): there is nothing to send. */
export class EmptyAudienceError extends Error {
  constructor(readonly broadcastId: number) {
    super(`broadcast ${broadcastId} has nobody to send to`);
    this.name = "EmptyAudienceError";
  }
}

/** The button text is empty or longer than BUTTON_TEXT_MAX characters. */
export class ButtonTextInvalidError extends Error {
  constructor(readonly maxLength: number) {
    super(`a button text has 1 to ${maxLength} characters`);
    this.name = "ButtonTextInvalidError";
  }
}

/** The button link is not an http(s) URL. */
export class ButtonUrlInvalidError extends Error {
  constructor() {
    super("a button link must be an http:// or https:// URL");
    this.name = "ButtonUrlInvalidError";
  }
}

/** Why a draft cannot be sent as a service notice (see checkServiceNoticeContent). */
export type ServiceNoticeRefusal = "sticker" | "source_missing" | "too_long";

/** The draft cannot carry the service-notice line: a sticker, an old draft, or a text too long for it. */
export class ServiceNoticeContentError extends Error {
  constructor(
    readonly reason: ServiceNoticeRefusal,
    /** For "too_long": the most characters a service notice of this kind may have. */
    readonly maxLength = 0,
  ) {
    super(`this broadcast cannot be a service notice: ${reason}${maxLength > 0 ? ` (at most ${maxLength} characters)` : ""}`);
    this.name = "ServiceNoticeContentError";
  }
}
