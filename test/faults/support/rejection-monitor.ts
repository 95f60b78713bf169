import { createHook } from "node:async_hooks";

/** An unhandled rejection, with the stack that created the rejected promise when it was traced. */
export interface UnhandledRejection {
  reason: unknown;
  createdAt: string | undefined;
}

/**
 * Collects unhandled rejections of this process. While `trace(true)`, every promise's creation stack is
 * kept (async_hooks; costly, so only around an injected fault), which tells a rejection of ours from
 * a known one inside a library.
 */
export class RejectionMonitor {
  readonly rejections: UnhandledRejection[] = [];
  private readonly stacks = new WeakMap<Promise<unknown>, string>();
  private readonly hook = createHook({
    init: (_id, type, _trigger, resource) => {
      if (type === "PROMISE") this.stacks.set(resource as Promise<unknown>, new Error("promise created").stack ?? "");
    },
  });
  private readonly listener = (reason: unknown, promise: Promise<unknown>) => {
    this.rejections.push({ reason, createdAt: this.stacks.get(promise) });
  };

  start(): void {
    process.on("unhandledRejection", this.listener);
  }

  stop(): void {
    this.hook.disable();
    process.off("unhandledRejection", this.listener);
  }

  trace(on: boolean): void {
    if (on) this.hook.enable();
    else this.hook.disable();
  }

  /**
   * The rejections that are not pg-boss 10 completing or failing a job without awaiting it
   * (manager.js, `onFetch`): with the database down at that moment, that rejection is unhandled inside
   * the library. The service logs it (main.ts) and survives; the job expires and is retried, and every
   * step is idempotent — which the money checks around this prove.
   */
  ours(): UnhandledRejection[] {
    return this.rejections.filter((r) => !/Manager\.(fail|complete) \(.*pg-boss[\\/]src[\\/]manager\.js/.test(r.createdAt ?? ""));
  }

  /** How many were pg-boss's un-awaited job completions. */
  pgBossCompletions(): number {
    return this.rejections.length - this.ours().length;
  }
}
