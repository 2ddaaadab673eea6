import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** The longest a request waits for the edits behind it. */
export const PACE_MAX_MS = 200;

/**
 * Pacing under load. An analysis of a document takes what its last one took. A request that
 * comes while the document was analysed moments ago (within two analyses' time) waits that
 * long (at most `PACE_MAX_MS`), so that the edits and newer requests already on their way
 * arrive first; one that comes to an idle server is answered at once. A burst of edits costs
 * a few analyses, not one per keystroke, and a request cancelled or superseded while it waits
 * is dropped before any work is done.
 */
export class Pacer {
  /** How long each document's last analysis took. */
  private readonly lastCost = new Map<string, number>();
  private readonly analysedAt = new Map<string, number>();
  /** The newest diagnostics request per document, and when diagnostics were last served. */
  private readonly tickets = new Map<string, number>();
  private readonly served = new Map<string, number>();

  /** An analysis of `uri` just took `ms`. */
  analysed(uri: string, ms: number): void {
    this.lastCost.set(uri, ms);
    this.analysedAt.set(uri, performance.now());
  }

  /** Settles when a request about `uri` should be served. */
  pace(uri: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const cost = Math.min(PACE_MAX_MS, this.lastCost.get(uri) ?? 0);
      // Idle since the last analysis: answer at once. Within a burst: wait for what follows.
      const busy = performance.now() - (this.analysedAt.get(uri) ?? -Infinity) < 2 * cost;
      if (!busy || cost < 1) setImmediate(resolve);
      else setTimeout(resolve, cost);
    });
  }

  /**
   * Paces a diagnostics request, then throws if a newer request for the same document
   * supersedes it — unless the document's diagnostics are already older than two analyses:
   * then this one is served, so that typing without pause still sees its findings at a
   * steady rate.
   */
  async paceDiagnostics(uri: string, isCancelled: () => boolean): Promise<void> {
    const ticket = (this.tickets.get(uri) ?? 0) + 1;
    this.tickets.set(uri, ticket);
    await this.pace(uri);
    if (isCancelled()) throw cancelled();
    const since = performance.now() - (this.served.get(uri) ?? 0);
    if (this.tickets.get(uri) !== ticket && since < Math.min(PACE_MAX_MS, 2 * (this.lastCost.get(uri) ?? 0))) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'A newer request for this document supersedes this one.', { retriggerRequest: false });
    }
    this.served.set(uri, performance.now());
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.lastCost.delete(uri);
    this.analysedAt.delete(uri);
    this.tickets.delete(uri);
    this.served.delete(uri);
  }
}

/** The answer to a request the client cancelled. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled.');
}
