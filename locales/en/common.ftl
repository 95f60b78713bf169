# Shared texts: errors, guards, buttons used across features.
error-generic = ⚠️ Something went wrong on our side. Please try again in a moment.
flood-slow-down = 🐢 Too many messages at once. Please wait { $seconds } seconds and try again.
banned = ⛔️ Your access to Bananapics has been blocked.
    Reason: { $reason }
banned-no-reason = ⛔️ Your access to Bananapics has been blocked.
unknown-command = 🤔 I don't know this command. /help shows what I can do.
unknown-input = 🤔 I can't use this yet. Send me a text description of an image, or open /help.
menu-expired = This menu is out of date. Open /start for a fresh one.
btn-back = ⬅️ Back
btn-home = 🏠 Home
payment-unavailable = Payments are not available right now. Please try again later.
