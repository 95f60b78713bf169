# The public gallery channel (in DEFAULT_LOCALE): never who made an image, only what and with which model.
gallery-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
gallery-references-caption = 📎 Исходные изображения
# A gallery post whose author withdrew their consent, when Telegram does not let the bot delete it (older than 48 hours).
gallery-removed-caption = 🗑 Удалено по просьбе автора.
# To the admins: posts that could be neither deleted nor replaced and must be removed by hand.
gallery-removal-stuck-alert =
    ⚠️ <b>В канале галереи остались публикации</b>
    Пользователь отозвал согласие, но сообщения в { $channel } (всего: { $count }) не удалось ни удалить, ни заменить:
    { $posts }
    Удалите их вручную и дайте боту в канале права «Удаление сообщений» и «Редактирование сообщений».
