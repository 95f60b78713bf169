# Administrator menyusi (/admin, faqat ADMIN_IDS), amallar jurnali va kunlik hisobot.
admin-menu-title =
    🛠 <b>Administrator</b>

    Bo'limni tanlang.
admin-btn-stats = 📊 Statistika
admin-btn-users = 👥 Foydalanuvchilar
admin-btn-broadcasts = 📢 Xabar tarqatish
admin-btn-provider = 🌊 Provayder
admin-btn-menu = ⬅️ Administrator menyusi
admin-btn-cancel = ❌ Bekor qilish
admin-btn-refresh = 🔄 Yangilash
admin-cancelled = Bekor qilindi.

admin-stats =
    📊 <b>Statistika</b>

    <b>Foydalanuvchilar</b>
    Jami { $usersTotal } · bloklangan { $banned } · botni bloklagan { $blockedBot }
    Yangi: bugun { $newToday } · 7 kun { $new7d } · 30 kun { $new30d }
    Faol: 7 kun { $active7d } · 30 kun { $active30d }
    To'lov qilganlar: { $paying }

    <b>Daromad</b>
    ⭐ bugun { $revenueToday } · 7 kun { $revenue7d } · 30 kun { $revenue30d } · jami { $revenueTotal }

    <b>Generatsiyalar</b>
    Jami { $generations } · ✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress }
    Muvaffaqiyat: { $successRate }
    { $byModel }

    <b>Kreditlar</b>
    Sotib olingan { $bought } · sarflangan { $spent } · qaytarilgan { $refunded }
    Stars qaytarilganda olingan { $reversed } · referal bonuslari { $bonuses } · tuzatishlar { $adjustments }

    <b>Provayder balansi</b>: { $providerBalance }
admin-stats-model = • { $model }: { $total } (✅ { $delivered } · ❌ { $failed })
admin-stats-no-models = Hozircha generatsiyalar yo'q.
admin-rate = { $percent } %
admin-rate-none = —
admin-balance-usd = ${ $amount }
admin-balance-unknown = noma'lum

admin-provider =
    🌊 <b>Provayder</b>

    Balans: { $balance }
    Navbat: { $waiting } kutmoqda · { $running } provayderda
    Oxirgi 24 soat: { $total24 } · ✅ { $delivered24 } · ❌ { $failed24 } · muvaffaqiyat { $rate24 }
    Oxirgi 7 kun: { $total7 } · ✅ { $delivered7 } · ❌ { $failed7 } · muvaffaqiyat { $rate7 }

    <b>So'nggi xatolar</b>
    { $failures }
admin-provider-failure = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $model } · { $code } · #{ $generationId } (foydalanuvchi { $userId })
admin-provider-no-failures = Yo'q.

admin-users-ask = 👥 Telegram id, @username, ismning bir qismi yoki referal kodni yuboring.
admin-users-none = “{ $query }” bo'yicha hech kim topilmadi. Qayta urinib ko'ring yoki bekor qiling.
admin-users-results = Topildi: { $count }. Birini tanlang:
admin-user-button = { $banned }{ $name } · { $balance } kr
admin-user-card =
    👤 <b>{ $name }</b> · { $username }
    Telegram id <code>{ $telegramId }</code> · bizdagi id { $userId }
    Til { $locale } · qo'shilgan { DATETIME($joined, dateStyle: "short") } · oxirgi faollik { DATETIME($lastSeen, dateStyle: "short", timeStyle: "short") }
    Holat: { $status }

    Balans: <b>{ $balance }</b> kredit · bepul generatsiyalar ishlatilgan { $trialUsed }
    Generatsiyalar: { $generations } (✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress })
    To'lovlar: { $payments } · ⭐ { $stars } · qaytarilgan { $refundedPayments }
    Taklif qilgan: { $referrer }
    Referal kod: { $referralCode } · u orqali qo'shilganlar { $invited }
    Xabarlar: { $broadcasts }

    <b>Administratorlarning so'nggi amallari</b>
    { $actions }
admin-status-active = faol
admin-status-banned = ⛔️ bloklangan ({ $reason })
admin-status-blocked = 🚫 botni bloklagan
admin-status-erased = 🗑 akkaunt o'chirilgan
admin-broadcasts-on = yoqilgan
admin-broadcasts-off = o'chirilgan
admin-card-action = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $action } · { $admin } · { $reason }
admin-card-no-actions = Yo'q.
admin-action-credits-adjusted = kreditlar o'zgartirildi
admin-action-user-banned = bloklandi
admin-action-user-unbanned = blokdan chiqarildi
admin-action-generation-refunded = generatsiya uchun qaytarildi
admin-action-payment-refunded = Stars qaytarildi
admin-action-account-erased = akkaunt o'chirildi
admin-action-broadcast-started = xabar tarqatish boshlandi
admin-action-broadcast-paused = xabar tarqatish to'xtatildi
admin-action-broadcast-resumed = xabar tarqatish davom ettirildi
admin-action-broadcast-cancelled = xabar tarqatish bekor qilindi
admin-action-support-replied = qo'llab-quvvatlash javob berdi
admin-action-setting-changed = sozlama o'zgartirildi
admin-action-model-changed = model o'zgartirildi
admin-action-broadcast-created = xabar tarqatish qoralamasi
admin-action-admin-signed-in = panelga kirish
admin-action-admin-signed-out = paneldan chiqish
admin-btn-delete = 🗑 Akkauntni o'chirish
admin-delete-choose =
    🗑 <b>Bu akkaunt hozir o'chirilsinmi?</b>

    Faqat qo'llab-quvvatlash tekshirgan o'chirish so'rovi bo'yicha yoki bola akkaunti uchun. Sababni tanlang:
admin-btn-delete-request = ✅ Tekshirilgan o'chirish so'rovi
admin-btn-delete-child = 👶 Bola akkaunti
admin-delete-reason-admin-request = tekshirilgan o'chirish so'rovi
admin-delete-reason-child-account = bola akkaunti
admin-delete-confirm =
    🗑 <b>{ $name }</b> akkaunti butunlay o'chirilsinmi ({ $reason })?

    Ma'lumotlar o'chiriladi yoki anonimlashtiriladi, { $balance } kredit balansi yo'qoladi. Buni qaytarib bo'lmaydi.
admin-btn-delete-confirm = 🗑 Ha, hozir o'chirish
admin-delete-done = ✅ Akkaunt o'chirildi. Yo'qotilgan kreditlar: { $forfeited }.
admin-delete-deferred = ⏳ Akkaunt o'chirish uchun belgilandi va bot endi unga xizmat qilmaydi; uning generatsiyalari ({ $count }) tugashi va galereyadagi postlari ({ $posts }) olib tashlanishi bilan o'chiriladi.
admin-btn-adjust = 💰 Kreditlarni o'zgartirish
admin-btn-ban = ⛔️ Bloklash
admin-btn-unban = ✅ Blokdan chiqarish
admin-btn-generations = 🎨 Generatsiyalar
admin-btn-payments = ⭐ To'lovlar
admin-btn-back-to-user = ⬅️ Foydalanuvchiga qaytish

admin-adjust-ask =
    💰 O'zgarish va sababni bitta xabarda yuboring, masalan:
    <code>+500 uzilish uchun kompensatsiya</code>
    <code>-200 takroriy xarid</code>
admin-adjust-format = Butun kredit soni bilan boshlang (+ qo'shish, − ayirish), so'ng sababni yozing.
admin-adjust-done = ✅ Balans { $delta } ga o'zgardi: endi { $balance } kredit.
admin-adjust-insufficient = ❌ { $amount } kreditni ayirib bo'lmaydi: balansda faqat { $balance }. Hech narsa o'zgarmadi.

admin-ban-ask = ⛔️ Bloklash sababini yuboring. Foydalanuvchi uni ko'radi.
admin-unban-ask = ✅ Blokdan chiqarish sababini yuboring (jurnalda saqlanadi).
admin-ban-done = ⛔️ Bloklandi. Foydalanuvchiga sababi bilan xabar berildi.
admin-ban-done-untold = ⛔️ Bloklandi. Xabar berib bo'lmadi: foydalanuvchi botni bloklagan.
admin-unban-done = ✅ Blokdan chiqarildi. Foydalanuvchiga xabar berildi.
admin-unban-done-untold = ✅ Blokdan chiqarildi. Xabar berib bo'lmadi: foydalanuvchi botni bloklagan.
admin-notice-unbanned = ✅ Bananapics'dan foydalanish imkoniyatingiz tiklandi. Xush kelibsiz!

admin-generations =
    🎨 <b>So'nggi generatsiyalar</b>

    { $list }

    Qaytarish har bir generatsiya uchun bir marta va faqat tugagan pullik generatsiya uchun mumkin.
admin-generations-none = Generatsiyalar yo'q.
admin-generation-line = • #{ $id } · { $model } · { $status } · { $paid }{ $refunded } · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
admin-generation-price = { $credits } kr
admin-generation-trial = bepul sinov
admin-generation-refunded = , qaytarilgan
admin-btn-refund-generation = ↩️ #{ $id } ni qaytarish ({ $credits } kr)
admin-btn-confirm-refund = ✅ Ha, qaytarish
admin-refund-generation-confirm = #{ $id } generatsiya ({ $model }) uchun <b>{ $credits }</b> kredit qaytarilsinmi?
admin-refund-generation-done = ✅ #{ $id } generatsiya qaytarildi: +{ $credits } kredit, balans { $balance }.

admin-payments =
    ⭐ <b>So'nggi to'lovlar</b>

    { $list }
admin-payments-none = To'lovlar yo'q.
admin-payment-line = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } kr · { $status } · <code>{ $chargeId }</code>
admin-btn-refund-payment = ↩️ ⭐ { $stars } ni qaytarish ({ $credits } kr)
admin-refund-payment-confirm =
    Foydalanuvchiga <b>{ $stars } Stars</b> qaytarilsin va { $credits } kreditgacha ayirilsinmi?
    To'lov <code>{ $chargeId }</code>
admin-refund-payment-done = ✅ { $stars } Stars qaytarildi. Ayirilgan kreditlar: { $deducted } (allaqachon sarflangan: { $shortfall }).
admin-refund-payment-already = ℹ️ Telegram bu { $stars } Stars'ni allaqachon qaytargan. Ayirilgan kreditlar: { $deducted } (allaqachon sarflangan: { $shortfall }).
admin-refund-payment-failed = ❌ Telegram qaytarishni rad etdi: { $description }. Hech narsa o'zgarmadi.

admin-error-user-not-found = Bunday foydalanuvchi yo'q yoki uning akkaunti o'chirilgan.
admin-error-reason-required = Sabab ko'rsatilishi kerak.
admin-error-reason-too-long = Sabab juda uzun: ko'pi bilan { $max } belgi.
admin-error-amount = Miqdor 0 dan farqli butun kredit soni bo'lishi kerak.
admin-error-not-banned = Bu foydalanuvchi bloklanmagan.
admin-error-generation-not-found = Bunday generatsiya yo'q.
admin-error-trial-generation = Bu bepul sinov generatsiyasi edi: qaytariladigan kredit yo'q.
admin-error-already-refunded = Bu generatsiya uchun allaqachon qaytarilgan.
admin-error-generation-running = Generatsiya hali bajarilmoqda; muvaffaqiyatsiz tugasa, avtomatik qaytariladi.
admin-error-payment-not-found = Bu foydalanuvchida bunday to'lov yo'q.

admin-report =
    📈 <b>Kunlik hisobot</b> · { $date } (oxirgi 24 soat)

    👥 Foydalanuvchilar: { $users } · yangi { $newUsers } · faol { $activeUsers }
    🎨 Generatsiyalar: { $generations } · ✅ { $delivered } · ❌ { $failed } · muvaffaqiyat { $successRate }
    🏆 Eng ko'p ishlatilgan modellar:
    { $topModels }
    💳 Kreditlar: sotib olingan { $bought } · sarflangan { $spent } · qaytarilgan { $refunded }
    ⭐ Daromad: { $revenue } Stars
admin-report-model = { $place }. { $model } — { $count }
admin-report-no-models = yo'q
