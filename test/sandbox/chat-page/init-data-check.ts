import { createHmac } from "node:crypto";

/** A Mini App backend's initData check, written from Telegram's documentation (not from the code under test). */
export function isValidInitData(initData: string, botToken: string): boolean {
  const params = new URLSearchParams(initData);
  const hash = params.get("hash");
  params.delete("hash");
  const dataCheckString = [...params.entries()]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  return hash === createHmac("sha256", secret).update(dataCheckString).digest("hex");
}
