# Shared texts: errors, guards, buttons used across features.
error-generic = ⚠️ Bizda nimadir noto'g'ri ketdi. Iltimos, birozdan so'ng qayta urinib ko'ring.
flood-slow-down = 🐢 Juda ko'p xabar yuborildi. { $seconds } soniya kutib, qayta urinib ko'ring.
banned = ⛔️ Bananapics'dan foydalanishingiz bloklangan.
    Sabab: { $reason }
banned-no-reason = ⛔️ Bananapics'dan foydalanishingiz bloklangan.
unknown-command = 🤔 Bunday buyruqni bilmayman. /help nimalar qila olishimni ko'rsatadi.
unknown-input = 🤔 Buni hozircha ishlata olmayman. Rasm tavsifini matn bilan yuboring yoki /help ni oching.
menu-expired = Bu menyu eskirgan. Yangisini olish uchun /start ni bosing.
btn-back = ⬅️ Orqaga
btn-home = 🏠 Bosh sahifa
payment-unavailable = To'lov hozircha mavjud emas. Iltimos, keyinroq urinib ko'ring.
