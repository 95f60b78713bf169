# Privacy and data rights: /mydata, /export, /deleteme, withdrawing consent, the deletion notice.
privacy-summary-title = 🔒 <b>Bananapics'dagi ma'lumotlaringiz</b>
privacy-summary-account = 👤 <b>Akkaunt</b>: Telegram ID <code>{ $telegramId }</code>, ism, foydalanuvchi nomi, til va sozlamalar.
privacy-summary-consent = ✅ <b>Rozilik</b>: Foydalanish shartlari va Maxfiylik siyosati ({ $version }-versiya) { DATETIME($date, dateStyle: "long") } kuni qabul qilingan.
privacy-summary-no-consent = ✅ <b>Rozilik</b>: hali berilmagan.
privacy-summary-balance = 💰 <b>Balans</b>: { $balance } · tarixdagi yozuvlar: { $entries } · to'lovlar: { $payments }
privacy-summary-generations = 🎨 <b>Generatsiyalar</b>: { $count } (so'rovlar, parametrlar, namuna rasmlar, natijalar)
privacy-summary-referrals = 🤝 <b>Referallar</b>: taklif havolangiz va takliflar haqida { $count } ta yozuv
privacy-summary-other = 🗂 <b>Boshqa yozuvlar</b>: { $count }
privacy-summary-technical = 🛡 <b>Texnik ma'lumotlar</b>: IP manzillar faqat qisqa vaqtga, so'rovlar sonini cheklash uchun ishlatiladi; ma'lumotlar bazamizda ham, loglarda ham saqlanmaydi.
privacy-summary-retention =
    🕒 <b>Qancha vaqt saqlaymiz</b>
    • Akkaunt, balans tarixi va to'lovlar: akkauntingiz faol ekan, keyin esa qonun va nizolarni hal qilish talab qilgancha.
    • So'rovlar va parametrlar: xizmatni yaxshilash va nizolarni hal qilish uchun muddatsiz, akkauntingizni o'chirmaguningizcha.
    • Yaratilgan rasmlar: provayderning vaqtinchalik havolalari muddati tugaydi (odatda 24–72 soat ichida); namuna rasmlar generatsiyalar bilan birga saqlanadi.
    • O'chirish so'rovidan keyin: shaxsiy ma'lumotlaringiz 30 kun ichida o'chiriladi; to'lov va balans yozuvlari anonim holda qoladi.
privacy-summary-actions =
    /export — siz haqingizda saqlanadigan hamma narsaning nusxasi (JSON fayl)
    /deleteme — akkauntni o'chirish
    /settings — yangiliklar va galereya sozlamalari
btn-export = 📦 Ma'lumotlarimni yuklab olish
btn-delete-account = 🗑 Akkauntni o'chirish
privacy-export-caption = 📦 Bananapics siz haqingizda saqlaydigan hamma narsa, { DATETIME($date, dateStyle: "long", timeStyle: "short") } holatiga ko'ra. JSON fayl, har bir turdagi yozuvlar alohida bo'limda.
privacy-export-too-soon = ⏳ Ma'lumotlarni { $minutes } daqiqada bir marta yuklab olish mumkin. { $wait } daqiqadan keyin qayta urinib ko'ring.
privacy-delete-title = 🗑 <b>Akkauntni o'chirasizmi?</b>
privacy-withdraw-title =
    ↩️ <b>Roziligingizni qaytarib olasizmi?</b>

    Xizmatni faqat ma'lumotlaringizni qayta ishlashga rozi bo'lsangizgina ko'rsata olamiz, shuning uchun rozilikni qaytarib olish akkauntni o'chirishni anglatadi.
privacy-delete-consequences =
    • Akkauntingiz <b>{ DATETIME($date, dateStyle: "long") }</b> kuni o'chiriladi. Ungacha bot siz uchun hech narsa qilmaydi, faqat o'chirishni bekor qilish mumkin.
    • Keyin Telegram ID, ism, foydalanuvchi nomi, til, sozlamalar, so'rovlar, namuna va natija fayllari hamda referal havolangiz o'chiriladi.
    • Balansingizda qolgan <b>{ $balance }</b> kuyib ketadi.
    • To'lov va balans yozuvlari qonun talablari va firibgarlikning oldini olish uchun anonim holda saqlanadi.
privacy-delete-export-hint = 💾 Avval nusxa kerakmi? Tasdiqlashdan oldin /export yuboring.
btn-delete-confirm = 🗑 Ha, akkauntimni o'chirish
btn-withdraw-confirm = ↩️ Qaytarib olish va o'chirish
btn-delete-keep = ✖️ Yo'q, qolsin
privacy-delete-kept = 👍 Hech narsa o'chirilmadi. Akkauntingiz o'z holicha qoladi.
privacy-deletion-scheduled =
    🗑 <b>Akkauntingiz { DATETIME($date, dateStyle: "long") } kuni o'chiriladi.</b>

    Ungacha bot so'rovlaringizni bajarmaydi. Fikringiz o'zgardimi? “O'chirishni bekor qilish” tugmasini bosing.
privacy-deletion-pending = ⏳ Akkauntingiz <b>{ DATETIME($date, dateStyle: "long") }</b> kuni o'chirilishi rejalashtirilgan. Saqlab qolish uchun “O'chirishni bekor qilish” tugmasini bosing.
privacy-deletion-in-progress = ⏳ Akkauntingiz o'chirilmoqda.
btn-deletion-cancel = ↩️ O'chirishni bekor qilish
privacy-deletion-cancelled = ✅ O'chirish bekor qilindi. Akkauntingiz avvalgidek qoladi.
privacy-deletion-not-pending = Akkauntingiz o'chirishga rejalashtirilmagan.
# /history label of the ledger kind written by an erasure.
ledger-kind-account-erasure = 🗑 Akkaunt o'chirilganda balans kuydi
privacy-deletion-gallery-removing = 🧹 Ochiq galereya kanalidagi postlaringiz hozir o'chirilmoqda. O'chirishni bekor qilsangiz ham, ular qaytmaydi.
