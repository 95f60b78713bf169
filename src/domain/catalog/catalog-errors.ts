/**
 * The chosen model is not offered (any more): unknown key, or an admin disabled it while the user
 * was composing. The user picks another model.
 */
export class ModelUnavailableError extends Error {
  constructor(readonly modelKey: string) {
    super(`model "${modelKey}" is not available`);
    this.name = "ModelUnavailableError";
  }
}

/**
 * A parameter value the model does not allow. Refused rather than replaced by a default: the user
 * would otherwise pay for an image other than the one they asked for.
 */
export class InvalidParameterValueError extends Error {
  constructor(
    readonly modelKey: string,
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: readonly string[],
  ) {
    super(`${modelKey} does not accept ${parameter}=${JSON.stringify(value)}; allowed: ${allowed.join(", ")}`);
    this.name = "InvalidParameterValueError";
  }
}

/**
 * More reference images than the model takes. Refused rather than trimmed: the first implementation
 * silently used only the first image (W31) and the user paid for a result that ignored the rest.
 */
export class TooManyReferencesError extends Error {
  constructor(
    readonly modelKey: string,
    readonly maxReferences: number,
    readonly given: number,
  ) {
    super(`${modelKey} takes at most ${maxReferences} reference images, got ${given}`);
    this.name = "TooManyReferencesError";
  }
}

/** An admin's catalog edit that would leave the model unpriceable or unusable; nothing was written. */
export class InvalidCatalogEditError extends Error {
  constructor(
    readonly modelKey: string,
    readonly problems: readonly string[],
  ) {
    super(`refused edit of model "${modelKey}": ${problems.join("; ")}`);
    this.name = "InvalidCatalogEditError";
  }
}
