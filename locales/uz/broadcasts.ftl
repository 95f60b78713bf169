# Xabar tarqatish: administrator ustasi, jarayon xabari va yakun.
broadcast-list =
    📢 <b>Xabar tarqatish</b>

    { $list }
broadcast-list-none = Hozircha xabar tarqatilmagan.
broadcast-list-line = • #{ $id } · { $status } · { $total } qabul qiluvchi · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
broadcast-btn-new = ➕ Yangi xabar tarqatish
broadcast-btn-open = 📢 #{ $id }
broadcast-ask-content =
    📢 Tarqatiladigan xabarni yuboring: formatlangan matn, rasm, video, animatsiya, hujjat, audio yoki stiker.
    Har bir qabul qiluvchi aynan nusxasini oladi.
broadcast-content-unsupported = Bunday xabarni tarqatib bo'lmaydi. Matn, rasm, video, animatsiya, hujjat, audio yoki stiker yuboring (bitta xabar, albom emas).
broadcast-preview-title = 👁 Qabul qiluvchilar shuni oladi:
broadcast-ask-audience =
    👥 Kimga yuborilsin? Biz bloklagan, botni bloklagan va xabarlarni o'chirib qo'ygan foydalanuvchilar hech qachon olmaydi.
broadcast-audience-button = { $audience } · { $count }
broadcast-audience-all = Hamma
broadcast-audience-active-7d = 7 kunda faol
broadcast-audience-active-30d = 30 kunda faol
broadcast-audience-with-balance = Balansi borlar
broadcast-audience-paying = To'lov qilganlar
broadcast-audience-new-7d = 7 kunda yangilar
broadcast-audience-language = Til: { $language }
broadcast-ask-button-choice = Auditoriya: <b>{ $audience }</b>. Xabar ostiga havola tugmasi qo'shilsinmi?
broadcast-btn-add-button = 🔗 Tugma qo'shish
broadcast-btn-no-button = Tugmasiz
broadcast-ask-button =
    🔗 Tugma matni va havolani «|» bilan ajratib yuboring, masalan:
    <code>Do'konni ochish | https://example.com</code>
broadcast-confirm =
    📢 <b>Xabar tarqatish #{ $id }</b>

    Mazmun: { $kind }
    Auditoriya: { $audience } · hozir <b>{ $count }</b> qabul qiluvchi
    Tugma: { $button }

    Yuborish boshlansinmi?
broadcast-no-button = yo'q
broadcast-kind-text = matn
broadcast-kind-photo = rasm
broadcast-kind-video = video
broadcast-kind-animation = animatsiya
broadcast-kind-document = hujjat
broadcast-kind-audio = audio
broadcast-kind-sticker = stiker
broadcast-btn-preview = 👁 Oldindan ko'rish
broadcast-btn-start = 🚀 Boshlash
broadcast-btn-discard = 🗑 O'chirish
broadcast-preview-shown = 👆 Tugmasi bilan oldindan ko'rinish — qabul qiluvchilar aynan shunday ko'radi.
broadcast-discarded = 🗑 Qoralama o'chirildi.
broadcast-started = 🚀 #{ $id } xabar tarqatish { $total } qabul qiluvchi uchun boshlandi. Jarayon quyida.

broadcast-progress =
    📢 <b>Xabar tarqatish #{ $id }</b> · { $status }
    { $bar } { $percent } %

    ✅ Yuborildi: { $sent }
    🚫 Botni bloklagan: { $blocked }
    ⚠️ Xatolar: { $failed }
    ⏭ O'tkazib yuborildi: { $skipped }
    ⏳ Kutmoqda: { $pending }
    👥 Jami: { $total }

    Yangilandi { $time }
broadcast-status-draft = qoralama
broadcast-status-running = yuborilmoqda
broadcast-status-paused = to'xtatilgan
broadcast-status-completed = tugadi
broadcast-status-cancelled = bekor qilindi
broadcast-btn-pause = ⏸ To'xtatish
broadcast-btn-resume = ▶️ Davom ettirish
broadcast-btn-cancel = ⏹ Bekor qilish
broadcast-btn-refresh = 🔄 Yangilash

broadcast-summary =
    🏁 <b>Xabar tarqatish #{ $id } { $outcome }</b>

    Yetkazildi: { $total } dan { $sent } ({ $percent } %)
    Botni bloklagan: { $blocked }
    Xatolar: { $failed }
    O'tkazib yuborildi (auditoriyadan chiqqan): { $skipped }
    Yuborilmadi: { $unsent }
    Davomiyligi { $seconds } s
broadcast-outcome-completed = tugadi
broadcast-outcome-cancelled = bekor qilindi

broadcast-error-not-found = Bunday xabar tarqatish yo'q.
broadcast-error-state = Hozir mumkin emas: xabar tarqatish holati «{ $status }».
broadcast-error-empty-audience = Bu auditoriyada hozir hech kim yo'q. Boshqasini tanlang.
broadcast-error-button-text = Tugma matni 1 dan { $max } belgigacha bo'lishi kerak.
broadcast-error-button-url = Havola http:// yoki https:// bilan boshlanishi kerak.

# Essential service notices (privacy policy 6.3): they also reach users who turned broadcasts off.
# The marking line above every copy; plain text, no HTML (it is sent with entities).
broadcast-service-notice = 🔔 Xizmat xabarnomasi
broadcast-btn-essential = 🔔 Xizmat xabarnomasi sifatida yuborish…
broadcast-btn-ordinary = ↩️ Oddiy xabar sifatida yuborish
broadcast-btn-essential-confirm = ⚠️ Ha, bu muhim xizmat xabarnomasi
broadcast-essential-warning =
    ⚠️ <b>Xizmat xabarnomasi — faqat muhim ma'lumot uchun</b>

    Xizmat xabarnomasi sozlamalarda xabar tarqatishni o'chirib qo'yganlarga ham boradi: { $audience } · <b>{ $count }</b> qabul qiluvchi, ulardan <b>{ $optedOut }</b> tasi o'chirib qo'ygan.

    Uni faqat foydalanuvchilar xizmatdan foydalanish uchun bilishi shart bo'lgan narsalar uchun ishlating: shartlar yoki maxfiylik siyosatining o'zgarishi, nosozlik, to'lovlar yoki hisobdagi o'zgarishlar. Hech qachon yangiliklar, yangi modellar, aksiyalar yoki takliflar uchun emas: foydalanuvchilar ularni o'chirib qo'ygan, ularni baribir yuborish maxfiylik siyosatini buzadi.

    Har bir nusxa «🔔 Xizmat xabarnomasi» qatori bilan boshlanadi. Tasdiqlashingiz amallar jurnaliga yoziladi.
broadcast-confirm-essential = 🔔 <b>Muhim xizmat xabarnomasi</b>: qabul qiluvchilardan { $optedOut } tasi xabar tarqatishni o'chirib qo'ygan va uni faqat muhimligi uchun oladi.
broadcast-error-service-notice-sticker = Stiker xizmat xabarnomasi bo'la olmaydi: nima o'zgarganini aytadigan matn (yoki izohli rasm) yuboring.
broadcast-error-service-notice-source-missing = Bu qoralama xizmat xabarnomalari paydo bo'lishidan oldin yaratilgan. Uni shunday yuborish uchun yangi xabar tarqatishni boshlang.
broadcast-error-service-notice-too-long = Xizmat xabarnomasi ko'pi bilan { $max } belgidan iborat bo'ladi, shunda uning ustiga xizmat xabarnomasi qatori sig'adi.
