# Telegram Stars orqali to'ldirish, to'lov tasdiqlari, qaytarishlar va to'lov ogohlantirishlari.
money-credits = { $count } kredit
topup-title =
    ⭐ <b>Balansni to'ldirish</b>

    To'lov Telegram Stars orqali: { $rateStars } ⭐ = { $rateCredits }.
    Balansingiz: { $balance }

    Miqdorni tanlang yoki o'zingiz kiriting.
topup-preset = { $stars } ⭐ → { $credits }
btn-topup-custom = ✍️ Boshqa miqdor
topup-custom-ask =
    ✍️ Qancha Stars sarflamoqchisiz?

    { $min } dan { $max } gacha butun son yuboring.
topup-error-not-a-number = ⚠️ Faqat raqamlar yuboring, masalan 250.
topup-error-too-small = ⚠️ Eng kami — { $min } ⭐. Kattaroq son yuboring.
topup-error-too-large = ⚠️ Eng ko'pi — { $max } ⭐. Kichikroq son yuboring.
topup-disabled = ⏸ To'ldirish hozircha to'xtatilgan. Keyinroq urinib ko'ring.
topup-confirm =
    🧾 <b>To'ldirishni tasdiqlang</b>

    <b>{ $stars } ⭐</b> evaziga <b>{ $credits }</b> olasiz.
    Bu taxminan { $generations } uchun yetadi.
btn-topup-pay = ✅ { $stars } ⭐ to'lash
btn-topup-cancel = ✖️ Bekor qilish
topup-cancelled = To'ldirish bekor qilindi.
topup-invoice-title = { $credits }
topup-invoice-description = Bananapics balansi uchun { $credits }, to'lovdan so'ng darhol qo'shiladi.
topup-invoice-sent = 👇 Hisob quyida. To'ldirishni yakunlash uchun “To'lash” tugmasini bosing.
payment-credited =
    ✅ <b>To'lov qabul qilindi</b>

    { $stars } ⭐ evaziga +{ $credits }
    Balans: <b>{ $balance }</b>
payment-unmatched =
    ⚠️ { $stars } ⭐ miqdoridagi to'lovingizni oldik, lekin uni birorta to'ldirish bilan bog'lay olmadik.

    Jamoamiz xabardor qilindi va muammoni hal qiladi. /paysupport ga ham yozishingiz mumkin.
payment-refunded =
    ↩️ <b>To'lov qaytarildi</b>

    { $stars } ⭐ sizga qaytarildi, balansingizdan { $credits } yechildi.
    Balans: <b>{ $balance }</b>
payment-refused-payments-disabled = To'ldirish hozircha to'xtatilgan. Keyinroq urinib ko'ring.
payment-refused-order-not-found = Bu hisob yaroqsiz. /topup orqali yangi to'ldirishni boshlang.
payment-refused-order-not-yours = Bu hisob boshqa akkaunt uchun yaratilgan. /topup orqali o'zingizning to'ldirishingizni boshlang.
payment-refused-order-already-paid = Bu hisob allaqachon to'langan. Balansingizni /profile orqali tekshiring.
payment-refused-order-expired = Bu hisobning muddati tugagan. /topup orqali yangi to'ldirishni boshlang.
payment-refused-amount-mismatch = Miqdor hisobga mos kelmaydi. /topup orqali yangi to'ldirishni boshlang.
payment-alert-unmatched =
    🚨 <b>Kredit berilmagan Stars to'lovi</b>

    { $stars } ⭐ miqdoridagi to'lov hech qaysi to'ldirishga mos kelmadi, kreditlar berilmadi.
    Sabab: { $reason }
    To'lovchi: <code>{ $payerId }</code>
    To'lov: <code>{ $chargeId }</code>
    Payload: <code>{ $payload }</code>

    Kreditlarni qo'lda bering yoki to'lovni qaytaring.
payment-alert-reason-order-not-found = bunday payload bilan buyurtma yo'q
payment-alert-reason-payer-mismatch = buyurtma boshqa foydalanuvchiga tegishli
payment-alert-reason-amount-mismatch = miqdor buyurtmadagidan farq qiladi
