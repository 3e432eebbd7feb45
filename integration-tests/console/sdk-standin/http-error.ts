/** Mirrors the SDK's `HttpError` (lib/utils/error/http-error.js): `.code`, `.response`, `.json` (the Status). */
export class HttpError extends Error {
  constructor(
    message: string,
    public readonly code?: number,
    public readonly response?: Response,
    public readonly json?: unknown,
  ) {
    super(message);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The SDK retries a 429 three times before giving up. */
export class RetryError extends Error {}
