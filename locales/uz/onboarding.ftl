# First contact: language, consent, home menu.
onboarding-choose-language = 👋 Assalomu alaykum, { $name }! Tilni tanlang:
onboarding-consent =
    <b>Boshlashdan oldin</b>

    Iltimos, Foydalanish shartlari va Maxfiylik siyosatimizni o'qing (quyidagi tugmalar).

    “Qabul qilaman” tugmasini bosib, ularga rozilik bildirasiz va kamida 13 yoshda ekaningizni tasdiqlaysiz.
onboarding-consent-updated =
    <b>Foydalanish shartlari yoki Maxfiylik siyosatimiz o'zgardi</b>

    Davom etish uchun ularni o'qing (quyidagi tugmalar) va qabul qiling.

    “Qabul qilaman” tugmasini bosib, ularga rozilik bildirasiz va kamida 13 yoshda ekaningizni tasdiqlaysiz.
onboarding-accepted = ✅ Rahmat! Hammasi tayyor.
consent-required = 🔒 Avval Foydalanish shartlari va Maxfiylik siyosatini qabul qiling.
btn-terms = 📄 Foydalanish shartlari
btn-privacy = 🔒 Maxfiylik siyosati
btn-accept = ✅ Qabul qilaman · 13+ yoshdaman
home-welcome =
    🍌 <b>Bananapics</b>

    Salom, { $name }! Men so'zlaringiz va suratlaringizni rasmga aylantiraman.

    ✍️ Qanday rasm kerakligini matn bilan yozib yuboring.
    🖼 Suratni o'zgartirish uchun uni izoh bilan yuboring.
home-create-hint =
    ✍️ <b>Rasmni tasvirlab bering</b>

    Nimani ko'rmoqchi ekaningizni yozing, masalan:
    <i>Quyosh botayotganda Samarqand ustida suzib yurgan mushuk-kosmonavt, akvarel</i>

    Suratni tahrirlash uchun uni nima o'zgarishi kerakligi yozilgan izoh bilan yuboring. Albom sifatida 10 tagacha surat yuborish mumkin.
btn-create = 🎨 Rasm yaratish
btn-settings = ⚙️ Sozlamalar
btn-help = ❓ Yordam
