# Drafts, model and parameter menus, generation status and results.
generation-mode-text = ⚙️ <b>Matndan rasm</b>
generation-mode-edit = ⚙️ <b>Tahrirlash: { $count } ta namuna rasm</b>
generation-draft =
    { $mode }

    <blockquote>{ $prompt }</blockquote>

    🤖 Model: <b>{ $model }</b>
    { $params }
generation-draft-balance = 💰 Balans: { $balance } kredit
generation-draft-trial = 🎁 Qolgan bepul generatsiyalar: { $count }
generation-param-line = { $name }: <b>{ $value }</b>
btn-generate = 🚀 Yaratish — { $price } kredit
btn-generate-trial = 🚀 Yaratish — bepul
btn-model = 🤖 Model: { $model }
btn-param = { $name }: { $value }
btn-param-default = Standart
generation-param-aspect_ratio = 📐 Tomonlar nisbati
generation-param-size = 📏 O'lcham
generation-param-resolution = 🖥 Aniqlik
generation-param-quality = ✨ Sifat
generation-param-input_fidelity = 🎯 Asl rasmga moslik
generation-choose-model = 🤖 <b>Modelni tanlang</b>
generation-model-line = { $emoji } <b>{ $name }</b> — { $stars } · { $time } · { $price } kredit
generation-time-seconds = { $min }–{ $max } soniya
generation-time-minutes = { $min }–{ $max } daqiqa
generation-choose-param = { $name }: qiymatni tanlang
generation-prompt-too-long = ✂️ Tavsif juda uzun: { $length } ta belgi. Chegara — { $limit }. Iltimos, qisqartirib, qayta yuboring.
generation-prompt-empty = ✍️ Iltimos, rasmni so'z bilan tasvirlab bering.
generation-ask-prompt =
    🖼 { $count } ta rasm qabul qilindi.

    ✍️ Endi ular bilan nima qilish kerakligini matn bilan yozing.
generation-too-many-references = 🖼 { $model } ko'pi bilan { $limit } ta namuna rasm qabul qiladi, siz esa { $count } ta yubordingiz. Boshqa model tanlang yoki kamroq rasm yuboring.
generation-not-an-image = 📎 “{ $name }” JPEG, PNG yoki WebP rasm emas. Iltimos, surat yoki rasm faylini yuboring.
generation-file-too-large = 📦 “{ $name }” { $limit } MB dan katta. Iltimos, kichikroq rasm yuboring.
generation-album-too-large = 🖼 Albomda ko'pi bilan 10 ta rasm bo'lishi mumkin.
generation-insufficient-credits =
    💳 Kredit yetarli emas: bu generatsiya { $price } turadi, balansingiz { $balance }.

    Balansni to'ldirish: /topup.
generation-parallel-limit = ⏳ Sizda allaqachon { $limit } ta generatsiya bajarilmoqda. Ulardan biri tugashini kuting.
generation-provider-paused = 🛠 Rasm yaratish texnik ishlar sababli vaqtincha to'xtatilgan. Kreditlaringiz saqlanadi — birozdan so'ng qayta urinib ko'ring.
generation-model-unavailable = 🤖 Bu model hozircha mavjud emas. Iltimos, boshqasini tanlang.
generation-draft-expired = Bu qoralama endi faol emas. Qaytadan boshlash uchun yangi tavsif yuboring.
generation-already-started = ⏳ Bu generatsiya allaqachon boshlangan.
generation-status-queued = ⏳ <b>Navbatda</b> · { $model }
generation-status-processing = 🎨 <b>Yaratilmoqda…</b> · { $model }
generation-status-done = ✅ <b>Tayyor</b> · { $model }
generation-status-failed =
    ❌ <b>Rasm yaratib bo'lmadi</b> · { $model }
    { $reason }
generation-refunded = 💰 { $credits } kredit balansingizga qaytarildi.
generation-trial-returned = 🎁 Bepul generatsiyangiz qaytarildi.
generation-failed-provider_failed = Rasm xizmati bu rasmni yarata olmadi.
generation-failed-content_blocked = Rasm xizmatining xavfsizlik filtri so'rovni to'sib qo'ydi. Tavsifni boshqacha yozib ko'ring.
generation-failed-timeout = Rasm xizmati juda uzoq javob bermadi.
generation-failed-submit_rejected = Rasm xizmati so'rovni rad etdi.
generation-failed-submit_unknown = Rasm xizmati javob bermadi.
generation-failed-reference_unavailable = Namuna rasmlardan birini o'qib bo'lmadi.
generation-failed-delivery_failed = Tayyor rasmni yetkazib bo'lmadi.
generation-failed-nsfw_blocked = Natija xavfli deb belgilandi va yetkazilmadi.
generation-failed-internal = Bizda nimadir noto'g'ri ketdi.
generation-result-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
btn-retry = 🔁 Qayta urinish
btn-regenerate = 🔁 Yana yaratish
generation-value-auto = Avto
generation-value-low = Past
generation-value-medium = O'rtacha
generation-value-high = Yuqori
generation-references-over-limit = ⚠️ { $model } ko'pi bilan { $limit } ta namuna rasm qabul qiladi; bu qoralamada { $count } ta.
generation-provider-balance-alert =
    ⚠️ <b>Wavespeed balansi kam</b>: ${ $balance } (chegara ${ $threshold }).

    Hisob to'ldirilguncha yangi generatsiyalar to'xtatildi; boshlanganlari davom etadi.
