# The public gallery channel (in DEFAULT_LOCALE): never who made an image, only what and with which model.
gallery-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
gallery-references-caption = 📎 Reference images
# A gallery post whose author withdrew their consent, when Telegram does not let the bot delete it (older than 48 hours).
gallery-removed-caption = 🗑 Removed at the author's request.
# To the admins: posts that could be neither deleted nor replaced and must be removed by hand.
gallery-removal-stuck-alert =
    ⚠️ <b>Gallery posts left in the channel</b>
    A user withdrew their consent, but { $count } message(s) in { $channel } could be neither deleted nor replaced:
    { $posts }
    Please remove them by hand, and give the bot the “Delete messages” and “Edit messages” rights in the channel.
