# Referal dastur: /referral ekrani, ulashish tugmasi, taklif qilinganga sovg'a, taklif qilganlarga xabarlar.
referral-title = 🤝 <b>Do'stlaringizni taklif qiling</b>
referral-rule-join = 🎁 Havolangiz orqali kelib, shartlarni qabul qilgan har bir do'stingiz uchun { $credits }.
referral-rule-purchase = 💸 Do'stlaringiz sotib olgan kreditlarning { $percent }% i — har bir xariddan.
referral-rule-welcome = 👋 Havolangiz orqali kelgan do'stlaringiz sovg'a sifatida { $credits } oladi.
referral-no-rewards = 👋 Bananapics haqida do'stlaringizga ayting.
referral-link =
    🔗 Sizning havolangiz (nusxa olish uchun bosing):
    <code>{ $link }</code>
referral-stats =
    👥 Qo'shilgan do'stlar: <b>{ $count }</b>
    💰 Ishlab topildi: <b>{ $earned }</b>
referral-share-text = Bananapics yordamida so'z va suratlardan rasmlar yarating 🍌
btn-referral = 🤝 Do'stlarni taklif qilish
btn-referral-share = 📤 Havolani ulashish
referral-welcome-bonus = 🎁 Siz taklif orqali keldingiz: balansingizga { $credits } qo'shildi.
referral-notice-joined = 🤝 Havolangiz orqali Bananapics'ga yangi foydalanuvchi qo'shildi: balansingizga +{ $credits }.
referral-notice-joined-no-bonus = 🤝 Havolangiz orqali Bananapics'ga yangi foydalanuvchi qo'shildi.
referral-notice-purchase = 💸 Siz taklif qilgan foydalanuvchi kredit sotib oldi: balansingizga +{ $credits }.
referral-notice-reversed = ↩️ Siz taklif qilgan foydalanuvchining xaridi qaytarildi, shuning uchun uning bonusi olib qo'yildi: −{ $credits }.
# /history da referal dasturning o'z operatsiya turlari nomlari.
ledger-kind-referral-purchase-reversal = ↩️ Referal bonusi qaytarib olindi
ledger-kind-referral-welcome-bonus = 🎁 Taklif uchun sovg'a
