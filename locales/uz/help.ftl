# Help, support and command descriptions.
help-text =
    ❓ <b>Bananapics qanday ishlaydi</b>

    1. Rasm tavsifini matn bilan yuboring.
    2. Model va parametrlarni tanlang — narx tugmada ko'rsatilgan.
    3. “Yaratish” tugmasini bosing va rasmni fayl sifatida oling.

    Suratni tahrirlash uchun uni (yoki 10 tagacha suratdan iborat albomni) nima o'zgarishi kerakligi yozilgan izoh bilan yuboring.

    Suratni izohsiz yuborsangiz, undan suv belgisini olib tashlash, uni kattalashtirish, shovqinini tozalash, qayta tiklash yoki sifatini oshirish mumkin.

    <b>Buyruqlar</b>
    /start — bosh menyu
    /profile — balansingiz
    /topup — Stars evaziga kredit sotib olish
    /history — balans tarixi
    /images — rasmlaringiz, qayta yuborish uchun
    /referral — do'stlarni taklif qiling va kredit oling
    /language — tilni o'zgartirish
    /settings — sozlamalar
    /mydata — siz haqingizda nimalarni saqlaymiz
    /export — ma'lumotlaringizni yuklab olish
    /deleteme — akkauntni o'chirish
    /privacy — maxfiylik siyosati
    /terms — foydalanish shartlari
    /support — qo'llab-quvvatlash xizmati
    /paysupport — to'lov bo'yicha yordam
    /help — shu xabar
support-text =
    💬 <b>Qo'llab-quvvatlash</b>

    Savolingizni keyingi xabarda matn yoki rasm bilan yozing: nima bo'lganini va, agar gap rasm haqida bo'lsa, uni qachon yaratganingizni ayting. Shu yerda, shu chatda javob beramiz, odatda 24 soat ichida.

    { $contact } yoki { $email } manziliga ham yozishingiz mumkin.
paysupport-text =
    💳 <b>To'lov bo'yicha yordam</b>

    Agar Telegram Stars orqali xaridda muammo bo'lsa (kreditlar qo'shilmadi, generatsiya muvaffaqiyatsiz tugadi, pulni qaytarish kerak), buni keyingi xabarda sana va Stars miqdorini ko'rsatib yozing. Shu yerda, shu chatda javob beramiz.
    { $contact } yoki { $email } manziliga ham yozishingiz mumkin.

    Telegram qo'llab-quvvatlash xizmati bu botdagi xaridlar bo'yicha yordam bera olmaydi: to'lov bo'yicha barcha savollarni o'zimiz hal qilamiz, odatda 24 soat ichida.
cmd-start = Bosh menyu
cmd-profile = Profil va balans
cmd-topup = Stars bilan to'ldirish
cmd-history = Balans tarixi
cmd-images = Mening rasmlarim
cmd-referral = Do'stlarni taklif qilish
cmd-help = Qanday ishlaydi
cmd-language = Tilni o'zgartirish
cmd-settings = Sozlamalar
cmd-mydata = Nimalarni saqlaymiz
cmd-export = Ma'lumotlarimni yuklab olish
cmd-deleteme = Akkauntni o'chirish
cmd-privacy = Maxfiylik siyosati
cmd-terms = Foydalanish shartlari
cmd-support = Qo'llab-quvvatlash
cmd-paysupport = To'lov bo'yicha yordam
