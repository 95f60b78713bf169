# The public gallery channel (in DEFAULT_LOCALE): never who made an image, only what and with which model.
gallery-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
gallery-references-caption = 📎 Namuna rasmlar
# A gallery post whose author withdrew their consent, when Telegram does not let the bot delete it (older than 48 hours).
gallery-removed-caption = 🗑 Muallifning so'rovi bilan olib tashlandi.
# To the admins: posts that could be neither deleted nor replaced and must be removed by hand.
gallery-removal-stuck-alert =
    ⚠️ <b>Galereya kanalida postlar qoldi</b>
    Foydalanuvchi roziligini qaytarib oldi, lekin { $channel } dagi xabarlarni (jami: { $count }) na o'chirib, na almashtirib bo'ldi:
    { $posts }
    Ularni qo'lda o'chiring va botga kanalda “Xabarlarni o'chirish” va “Xabarlarni tahrirlash” huquqlarini bering.
