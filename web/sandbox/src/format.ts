/** Small display helpers shared by the chat components. */

/** The letter on an avatar circle. */
export function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? "?";
}

export function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function formatDay(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  if (date.toDateString() === new Date().toDateString()) return "Today";
  return date.toLocaleDateString([], { day: "numeric", month: "long", year: "numeric" });
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Telegram Stars (XTR) have no fraction; other currencies are shown in major units. */
export function formatPrice(amount: number, currency: string): string {
  return currency === "XTR" ? `⭐${amount}` : `${(amount / 100).toFixed(2)} ${currency}`;
}

const CHAT_ACTIONS: Record<string, string> = {
  typing: "typing…",
  upload_photo: "sending a photo…",
  upload_document: "sending a file…",
  upload_video: "sending a video…",
  record_video: "recording a video…",
  upload_voice: "sending a voice message…",
  record_voice: "recording a voice message…",
  choose_sticker: "choosing a sticker…",
  find_location: "finding a location…",
  record_video_note: "recording a video message…",
  upload_video_note: "sending a video message…",
};

/** The header status Telegram shows for a sendChatAction. */
export function chatActionLabel(action: string): string {
  return CHAT_ACTIONS[action] ?? `${action.replace(/_/g, " ")}…`;
}
