import { createContext, useContext, useEffect } from "react";
import type { InvoiceStatus, WebAppLike } from "./web-app.js";

/**
 * What the app asks of Telegram, guarded by the client's API version: the SDK throws or warns when a
 * method is newer than the client, so each feature checks the version it was introduced in.
 */
export class TelegramShell {
  constructor(
    readonly webApp: WebAppLike,
    /** False in a plain browser (the sandbox): invoices cannot be paid here. */
    readonly inTelegram: boolean,
  ) {}

  /** Tells Telegram the app is drawn and takes the full height; paints Telegram's header and background like the app's. */
  start(): void {
    this.webApp.ready();
    this.webApp.expand();
    if (this.webApp.isVersionAtLeast("6.1")) {
      this.webApp.setHeaderColor?.("bg_color");
      // The history scrolls over the secondary background; the header is the top bar's colour.
      this.webApp.setBackgroundColor?.("secondary_bg_color");
    }
  }

  get canPay(): boolean {
    return this.inTelegram && this.webApp.isVersionAtLeast("6.1");
  }

  openInvoice(link: string): Promise<InvoiceStatus> {
    return new Promise((resolve) => this.webApp.openInvoice(link, resolve));
  }

  /**
   * Saves through Telegram's own downloader where it exists (8.0+), else the browser's. Telegram wants
   * the full file name, and only the server knows the image's type: it is asked with a HEAD request.
   */
  async download(url: string): Promise<void> {
    if (this.inTelegram && this.webApp.isVersionAtLeast("8.0") && this.webApp.downloadFile) {
      const head = await fetch(url, { method: "HEAD" });
      const fileName = /filename="([^"]+)"/.exec(head.headers.get("content-disposition") ?? "")?.[1] ?? "bananapics.png";
      this.webApp.downloadFile({ url: new URL(url, window.location.href).toString(), file_name: fileName });
      return;
    }
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  }

  impact(style: "light" | "medium" = "light"): void {
    if (this.hapticsSupported()) this.webApp.HapticFeedback.impactOccurred(style);
  }

  notify(type: "success" | "error" | "warning"): void {
    if (this.hapticsSupported()) this.webApp.HapticFeedback.notificationOccurred(type);
  }

  selection(): void {
    if (this.hapticsSupported()) this.webApp.HapticFeedback.selectionChanged();
  }

  private hapticsSupported(): boolean {
    return this.webApp.isVersionAtLeast("6.1");
  }
}

export const ShellContext = createContext<TelegramShell | undefined>(undefined);

export function useShell(): TelegramShell {
  const shell = useContext(ShellContext);
  if (shell === undefined) throw new Error("useShell outside ShellContext");
  return shell;
}

/** Shows Telegram's back button while `active` and calls `onBack` when it is pressed. */
export function useBackButton(active: boolean, onBack: () => void): void {
  const shell = useShell();
  useEffect(() => {
    if (!active || !shell.webApp.isVersionAtLeast("6.1")) return undefined;
    const button = shell.webApp.BackButton;
    button.onClick(onBack);
    button.show();
    return () => {
      button.offClick(onBack);
      button.hide();
    };
  }, [active, onBack, shell]);
}
