import type { IncomingMessage, ServerResponse } from "node:http";
import { sendRaw } from "./http-io.js";
import type { FakeFault, FakeFaultMatch } from "./types.js";

interface PendingFault {
  match: FakeFaultMatch;
  fault: FakeFault;
  remaining: number;
}

/**
 * Scripted failures, consumed in the order they were injected by the requests they match. A faulted
 * request is answered (or not) by the fault alone, so e.g. a faulted submit creates no task.
 */
export class FaultInjector {
  private readonly pending: PendingFault[] = [];
  private readonly hangs = new Set<NodeJS.Timeout>();

  add(match: FakeFaultMatch, fault: FakeFault, count: number): void {
    if (count > 0) this.pending.push({ match, fault, remaining: count });
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): FakeFault | undefined {
    const index = this.pending.findIndex(
      (p) => (!p.match.method || p.match.method.toUpperCase() === method) && regexMatches(p.match.path, path),
    );
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }

  /** Plays a fault on the wire. */
  apply(fault: FakeFault, req: IncomingMessage, res: ServerResponse): void {
    if (fault.reset) {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault.hangMs !== undefined) {
      const timer = setTimeout(() => {
        this.hangs.delete(timer);
        req.socket.destroy();
      }, fault.hangMs);
      this.hangs.add(timer);
      return;
    }
    if (fault.malformed) {
      sendRaw(res, 200, '{"code":200,"message":"success","data":{"id":"', "application/json");
      return;
    }
    const status = fault.status ?? (fault.body !== undefined ? 200 : 500);
    const body = fault.body ?? JSON.stringify({ code: status, message: "injected fault" });
    sendRaw(res, status, body, "application/json");
  }

  /** Cancels pending hangs when the server stops (their sockets are closed by the server). */
  clear(): void {
    for (const timer of this.hangs) clearTimeout(timer);
    this.hangs.clear();
  }
}

/** A global or sticky RegExp keeps state between `test` calls; reset it so every request is judged alike. */
function regexMatches(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}
