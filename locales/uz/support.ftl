# Qo'llab-quvvatlashga murojaatlar: /support va /paysupport, qo'llab-quvvatlashga yuborish va botdagi javoblar.
support-btn-cancel = ❌ Bekor qilish
support-cancelled = Bekor qilindi. Hech narsa yuborilmadi.
support-text-or-photo = Iltimos, matn yoki rasm yuboring: qo'llab-quvvatlash boshqa turdagi xabarlarni qabul qila olmaydi.
support-sent = ✅ Xabaringiz qo'llab-quvvatlashga yuborildi. Javob shu yerga, shu chatga keladi.
support-unavailable = ⚠️ Hozir qo'llab-quvvatlash bu yerda xabar qabul qila olmaydi. Iltimos, { $contact } yoki { $email } manziliga yozing.
support-kind-support = 💬 Qo'llab-quvvatlashga savol
support-kind-payment = 💳 To'lov bo'yicha savol
support-relay-header =
    { $kind }
    Kimdan: { $name } · { $username }
    Telegram id <code>{ $telegramId }</code> · bizdagi id { $userId } · til { $locale } · balans { $balance } kr
    { $payments }
    ↩️ Javob berish uchun shu xabarga yoki keyingisiga javob yozing.
support-relay-payments =
    So'nggi to'lovlar:
    { $list }
support-relay-payment = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } kr · { $status } · <code>{ $chargeId }</code>
support-relay-no-payments = yo'q
support-answer-header = 💬 <b>Qo'llab-quvvatlash javobi</b> (yana yozish uchun unga javob bering):
support-answer-delivered = ✅ Yetkazildi: { $name }.
support-answer-unreachable = ❌ Yetkazilmadi: { $name } botni bloklagan.
support-answer-erased = ❌ Yetkazilmadi: { $name } akkaunti o'chirilgan.
