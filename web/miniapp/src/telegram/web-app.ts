/** The part of Telegram's Mini App SDK (https://core.telegram.org/bots/webapps) this app uses. */
export interface WebAppLike {
  initData: string;
  initDataUnsafe: { user?: { id: number; first_name: string; language_code?: string } };
  version: string;
  platform: string;
  colorScheme: "light" | "dark";
  themeParams: Record<string, string | undefined>;
  isVersionAtLeast(version: string): boolean;
  ready(): void;
  expand(): void;
  setHeaderColor?(color: string): void;
  setBackgroundColor?(color: string): void;
  openInvoice(url: string, callback?: (status: InvoiceStatus) => void): void;
  openTelegramLink?(url: string): void;
  downloadFile?(params: { url: string; file_name: string }, callback?: (accepted: boolean) => void): void;
  HapticFeedback: {
    impactOccurred(style: "light" | "medium" | "heavy" | "rigid" | "soft"): void;
    notificationOccurred(type: "error" | "success" | "warning"): void;
    selectionChanged(): void;
  };
  BackButton: { show(): void; hide(): void; onClick(handler: () => void): void; offClick(handler: () => void): void };
}

export type InvoiceStatus = "paid" | "cancelled" | "failed" | "pending";

declare global {
  interface Window {
    Telegram?: { WebApp?: WebAppLike };
  }
}

/**
 * Telegram's SDK when the page runs in Telegram (index.html loads it from telegram.org), else a local
 * stand-in: the sandbox opens the app in a plain browser tab, and telegram.org may be unreachable. The
 * stand-in reads the launch parameters from the URL fragment as the SDK does (`tgWebAppData`,
 * `tgWebAppThemeParams`, `tgWebAppVersion`), applies the theme as the SDK's CSS variables, and turns
 * what only a Telegram client can do (invoices, haptics, the back button) into no-ops.
 */
export function telegramWebApp(): { webApp: WebAppLike; inTelegram: boolean } {
  const real = window.Telegram?.WebApp;
  // The SDK is present on any page that loads it; inside Telegram it also has launch data.
  if (real !== undefined && real.initData !== "") return { webApp: real, inTelegram: true };
  return { webApp: localWebApp(new URLSearchParams(window.location.hash.slice(1))), inTelegram: false };
}

function localWebApp(launch: URLSearchParams): WebAppLike {
  const initData = launch.get("tgWebAppData") ?? "";
  const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const themeParams = { ...(dark ? DARK_THEME : LIGHT_THEME), ...parseTheme(launch.get("tgWebAppThemeParams")) };
  const root = document.documentElement.style;
  for (const [key, value] of Object.entries(themeParams)) {
    if (value !== undefined) root.setProperty(`--tg-theme-${key.replaceAll("_", "-")}`, value);
  }
  const version = launch.get("tgWebAppVersion") ?? "6.0";
  const noop = () => undefined;
  return {
    initData,
    initDataUnsafe: { user: userOf(initData) },
    version,
    platform: launch.get("tgWebAppPlatform") ?? "unknown",
    colorScheme: dark ? "dark" : "light",
    themeParams,
    isVersionAtLeast: (wanted) => compareVersions(version, wanted) >= 0,
    ready: noop,
    expand: noop,
    openInvoice: (_url, callback) => callback?.("failed"),
    HapticFeedback: { impactOccurred: noop, notificationOccurred: noop, selectionChanged: noop },
    BackButton: { show: noop, hide: noop, onClick: noop, offClick: noop },
  };
}

const LIGHT_THEME: Record<string, string> = {
  bg_color: "#ffffff",
  secondary_bg_color: "#f1f1f4",
  text_color: "#000000",
  hint_color: "#8e8e93",
  link_color: "#2481cc",
  button_color: "#2481cc",
  button_text_color: "#ffffff",
  destructive_text_color: "#e53935",
};

const DARK_THEME: Record<string, string> = {
  bg_color: "#17212b",
  secondary_bg_color: "#232e3c",
  text_color: "#f5f5f5",
  hint_color: "#708499",
  link_color: "#6ab3f3",
  button_color: "#5288c1",
  button_text_color: "#ffffff",
  destructive_text_color: "#ec3942",
};

function parseTheme(raw: string | null): Record<string, string> {
  if (raw === null) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string" && /^#[0-9a-f]{3,8}$/i.test(entry[1])));
  } catch {
    return {};
  }
}

function userOf(initData: string): WebAppLike["initDataUnsafe"]["user"] {
  const raw = new URLSearchParams(initData).get("user");
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as WebAppLike["initDataUnsafe"]["user"];
  } catch {
    return undefined;
  }
}

/** "6.10" vs "6.9", as Telegram versions compare. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
