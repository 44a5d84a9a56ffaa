import type { LinkErrors } from "./types";

/** Kisi's `Error` schema: used for 400, 401, 403, 404, 409, 429 and 503. */
export interface KisiErrorBody {
  code: string;
  error: string;
}

/** Kisi's `Errors` schema: only 422 validation failures use it. */
export interface ValidationErrorBody {
  errors: Record<string, string[]>;
}

export interface ErrorSpec {
  status: number;
  code: string;
  error: string;
}

/** Thrown by handlers; the server turns it into the response. */
export class KisiHttpError extends Error {
  readonly status: number;
  readonly body: KisiErrorBody | ValidationErrorBody;

  constructor(status: number, body: KisiErrorBody | ValidationErrorBody) {
    super(`Kisi ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * Codes and messages come from Kisi's error-code table where one fits. Codes of the form
 * `000xxx` are [I]: Kisi documents only `000404` (unknown endpoint); the rest follow its
 * pattern because Kisi publishes no code for "not signed in", "bad parameter" or "429".
 */
export const KISI_ERRORS = {
  unauthenticated: {
    status: 401,
    code: "000401",
    error: "You need to sign in or sign up before continuing.",
  },
  badRequest: { status: 400, code: "000400", error: "The request is not valid." },
  invalidJson: { status: 400, code: "000400", error: "The request body is not valid JSON." },
  endpointNotFound: {
    status: 404,
    code: "000404",
    error: "The endpoint does not exist, please check your request.",
  },
  recordNotFound: { status: 404, code: "000404", error: "The record could not be found." },
  accessDenied: { status: 403, code: "afc496", error: "Access denied." },
  doorNotFound: { status: 404, code: "fad10e", error: "The door could not be found." },
  doorLockedDown: { status: 403, code: "fad001", error: "The door is currently locked down." },
  placeLockedDown: { status: 403, code: "fad002", error: "The place is currently locked down." },
  controllerUnavailable: {
    status: 503,
    code: "fac001",
    error: "The Kisi controller is currently unavailable.",
  },
  locationNotValid: { status: 403, code: "bbb99f", error: "Your location is not valid." },
  tooFarAway: { status: 403, code: "a3995f", error: "You are too far away." },
  tooManyRequests: { status: 429, code: "000429", error: "Too many requests, please slow down." },
  unexpected: { status: 500, code: "ffffff", error: "An unexpected issue occured." },
} as const satisfies Record<string, ErrorSpec>;

/** [I] docs/kisi-api.md §2.5: the doc's recommended statuses; the codes are SPEC2's (`f299ef`, `f297ef`) and SPEC's (`f358de`, `f35ade`). */
export const DEFAULT_LINK_ERRORS: LinkErrors = {
  unknown: { status: 401, code: "f299ef", error: "Your link is invalid." },
  notYetValid: {
    status: 403,
    code: "f358de",
    error: "Your access is not yet valid, please try again later.",
  },
  expired: { status: 403, code: "f35ade", error: "Your access is no longer valid." },
  disabled: { status: 403, code: "f297ef", error: "Your link is disabled." },
};

export function kisiError(spec: ErrorSpec, message?: string): KisiHttpError {
  return new KisiHttpError(spec.status, { code: spec.code, error: message ?? spec.error });
}

export function badRequest(message: string): KisiHttpError {
  return kisiError(KISI_ERRORS.badRequest, message);
}

export function validationError(errors: Record<string, string[]>): KisiHttpError {
  return new KisiHttpError(422, { errors });
}
