# The support inbox: /support and /paysupport messages, relayed to support and answered in the bot.
support-btn-cancel = ❌ Cancel
support-cancelled = Cancelled. Nothing was sent.
support-text-or-photo = Please send text or a photo: support cannot receive other kinds of messages.
support-sent = ✅ Your message has been sent to support. The answer will come here, in this chat.
support-unavailable = ⚠️ Support cannot receive messages here right now. Please write to { $contact } or { $email }.
support-kind-support = 💬 Support question
support-kind-payment = 💳 Payment question
support-relay-header =
    { $kind }
    From { $name } · { $username }
    Telegram id <code>{ $telegramId }</code> · our id { $userId } · language { $locale } · balance { $balance } cr
    { $payments }
    ↩️ Reply to this message or the one below to answer.
support-relay-payments =
    Recent payments:
    { $list }
support-relay-payment = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } cr · { $status } · <code>{ $chargeId }</code>
support-relay-no-payments = none
support-answer-header = 💬 <b>Answer from support</b> (reply to this message to write back):
support-answer-delivered = ✅ Delivered to { $name }.
support-answer-unreachable = ❌ Not delivered: { $name } blocked the bot.
support-answer-erased = ❌ Not delivered: { $name }'s account was erased.
