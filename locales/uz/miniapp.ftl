# Mini ilova (web/miniapp) va botdan unga kirish yo'llari. Ilova bu matnlarni brauzerda Fluent'ning
# kichik qismi bilan formatlaydi (web/miniapp/src/i18n/fluent-lite.ts): oddiy matn, { $o'zgaruvchilar }
# va ko'plik shakli tanlovi; HTML yo'q. test/http/miniapp/miniapp-locales.test.ts uni Fluent bilan solishtiradi.

## Botda
btn-open-app = 📱 Ilovani ochish
miniapp-menu-button = Ilova
miniapp-reference-caption = 📎 Ilovada qo'shilgan namuna rasm

## Kirish va xatolar
miniapp-title = Bananapics
miniapp-loading = Yuklanmoqda…
miniapp-open-from-bot = Bu ilova Telegram ichida ishlaydi. Uni botdan oching.
miniapp-open-bot = @{ $bot } ni ochish
miniapp-error-init_data_expired = Seans muddati tugadi. Ilovani yoping va botdan qayta oching.
miniapp-error-init_data_invalid = Telegram kimligingizni tasdiqlamadi. Ilovani yoping va botdan qayta oching.
miniapp-error-unauthorized = Telegram kimligingizni tasdiqlamadi. Ilovani yoping va botdan qayta oching.
miniapp-error-not_registered = Avval botni oching va «Start» tugmasini bosing.
miniapp-error-banned = Hisobingiz bloklangan. Agar bu xato bo'lsa, bot orqali yordam xizmatiga yozing.
miniapp-error-policy_not_accepted = Avval botni oching va Foydalanish shartlari hamda Maxfiylik siyosatini qabul qiling.
miniapp-error-network = Aloqa yo'q. Internetni tekshirib, qayta urinib ko'ring.
miniapp-error-generic = Nimadir xato ketdi. Iltimos, qayta urinib ko'ring.
miniapp-crashed = Ilovada muammo yuz berdi.
miniapp-reload = Qayta yuklash
miniapp-retry = Qayta urinish

## Hamyon
miniapp-credits = { $count } kredit
miniapp-free-left = 🎁 { $count } ta bepul
miniapp-top-up = To'ldirish
miniapp-balance = Balans
miniapp-price = Narx
miniapp-free = Bepul

## Tarix
miniapp-feed-empty = Hali rasmlar yo'q. Quyida rasmni tasvirlab, «Yaratish» tugmasini bosing.
miniapp-loading-more = Yana yuklanmoqda…
miniapp-phase-queued = Navbatda
miniapp-phase-processing = Yaratilmoqda…
miniapp-phase-done = Tayyor
miniapp-phase-failed = Bo'lmadi
miniapp-source-bot = chatdan
miniapp-references = Namuna rasmlar: { $count }
miniapp-refunded = { $credits } balansingizga qaytarildi.
miniapp-trial-returned = Bepul generatsiyangiz qaytarildi.
miniapp-failed-provider_failed = Rasm xizmati bu rasmni yarata olmadi.
miniapp-failed-content_blocked = Rasm xizmatining xavfsizlik filtri so'rovni to'sdi. Tavsifni boshqacha yozib ko'ring.
miniapp-failed-timeout = Rasm xizmati juda uzoq javob bermadi.
miniapp-failed-submit_rejected = Rasm xizmati so'rovni rad etdi.
miniapp-failed-submit_unknown = Rasm xizmati javob bermadi.
miniapp-failed-reference_unavailable = Namuna rasmni o'qib bo'lmadi.
miniapp-failed-delivery_failed = Tayyor rasmni yetkazib bo'lmadi.
miniapp-failed-nsfw_blocked = Natija xavfli deb belgilandi va yuborilmadi.
miniapp-failed-internal = Biz tomonda nimadir xato ketdi.
miniapp-copy-prompt = Tavsifni nusxalash
miniapp-copied = Tavsif nusxalandi
miniapp-copy-failed = Tavsifni nusxalab bo'lmadi
miniapp-regenerate = Qayta yaratish
miniapp-download = Yuklab olish
miniapp-close = Yopish
miniapp-open-image = Rasmni ochish

## Qayta yaratish
miniapp-regenerate-title = Yana yaratilsinmi?
miniapp-regenerate-text = Xuddi shu tavsif, model, sozlamalar va rasmlar.
miniapp-confirm-generate = Yaratish
miniapp-cancel = Bekor qilish

## Yaratish
miniapp-prompt-placeholder = Rasmni tasvirlab bering…
miniapp-prompt-label = Tavsif
miniapp-attach = Rasm biriktirish
miniapp-remove-image = Rasmni olib tashlash
miniapp-uploading = Yuklanmoqda…
miniapp-generate = Yaratish · { $price }
miniapp-top-up-to-generate = Yaratish uchun balansni to'ldiring
miniapp-model = Model
miniapp-choose-model = Modelni tanlang
miniapp-seconds = { $min }–{ $max } soniya
miniapp-minutes = { $min }–{ $max } daqiqa
miniapp-price-range = { $min }–{ $max } kredit
miniapp-max-references = { $count } tagacha rasm
miniapp-param-aspect_ratio = Tomonlar nisbati
miniapp-param-size = O'lcham
miniapp-param-resolution = Aniqlik
miniapp-param-quality = Sifat
miniapp-param-input_fidelity = Asl rasmga moslik
miniapp-param-default = Standart
miniapp-value-auto = Avto
miniapp-value-low = Past
miniapp-value-medium = O'rtacha
miniapp-value-high = Yuqori
miniapp-started = Boshlandi. Natija chatga ham keladi.

## Rad javoblari
miniapp-error-prompt_empty = Iltimos, rasmni so'z bilan tasvirlab bering.
miniapp-error-prompt_too_long = Tavsif juda uzun: { $length } ta belgi. Chegara — { $limit }.
miniapp-error-too_many_references = Bu model ko'pi bilan { $limit } ta namuna rasm qabul qiladi. Ortiqchasini olib tashlang yoki boshqa model tanlang.
miniapp-error-reference_invalid = Biriktirilgan rasm muddati tugadi. Uni olib tashlab, qayta biriktiring.
miniapp-error-not_an_image = “{ $name }” JPEG, PNG yoki WebP rasm emas.
miniapp-error-file_too_large = “{ $name }” { $limit } MB dan katta.
miniapp-error-upload_failed = “{ $name }” ni yuklab bo'lmadi.
miniapp-error-too_many_uploads = Juda ko'p rasm yuborildi. Bir necha daqiqa kuting.
miniapp-error-chat_unavailable = Bot sizga yoza olmayapti. Botni blokdan chiqaring va qayta urinib ko'ring.
miniapp-error-model_unavailable = Bu model hozir mavjud emas. Iltimos, boshqasini tanlang.
miniapp-error-invalid_parameters = Bu sozlamalar endi mavjud emas. Iltimos, qaytadan tanlang.
miniapp-error-price_changed = Narx o'zgardi: endi { $price } kredit. Tekshirib, «Yaratish» tugmasini yana bosing.
miniapp-error-insufficient_funds = Kredit yetarli emas: bu { $price } turadi, balansingiz { $balance }.
miniapp-error-parallel_limit = Sizda allaqachon { $limit } ta generatsiya ishlamoqda. Bittasi tugashini kuting.
miniapp-error-provider_paused = Rasm yaratish texnik xizmat uchun to'xtatildi. Kreditlaringiz xavfsiz; keyinroq urinib ko'ring.
miniapp-error-already_started = Bu generatsiya allaqachon boshlangan.
miniapp-error-not_found = Generatsiya topilmadi.

## To'ldirish
miniapp-top-up-title = Telegram Stars orqali to'ldirish
miniapp-top-up-preset = { $stars } ⭐ → { $credits }
miniapp-top-up-paid = To'lov qabul qilindi. Kreditlar bir zumda paydo bo'ladi.
miniapp-top-up-cancelled = To'lov bekor qilindi.
miniapp-top-up-failed = To'lov amalga oshmadi.
miniapp-top-up-pending = To'lov ko'rib chiqilmoqda.
miniapp-top-up-outside-telegram = To'lov faqat Telegram ichida ochiladi. Sandboxda chatdagi /topup orqali to'lang.
miniapp-error-payments_disabled = To'ldirish hozircha to'xtatilgan. Keyinroq urinib ko'ring.
miniapp-error-amount_invalid = Bu miqdorni sotib olib bo'lmaydi.

# Image tools' runs in the history: they have no prompt, so the card names the tool (as tools.ftl does).
miniapp-kind-tool = Rasm vositasi
miniapp-tool-watermark = Suv belgisini olib tashlash
miniapp-tool-upscale = Kattalashtirish
miniapp-tool-denoise = Shovqinni tozalash
miniapp-tool-restore = Qayta tiklash
miniapp-tool-enhance = Sifatini oshirish
miniapp-tool-value-normal = Oddiy
miniapp-tool-value-strong = Kuchli
miniapp-tool-value-extreme = Maksimal
miniapp-tool-value-dust-scratch = Chang va tirnalishlar
miniapp-tool-value-dust-scratch-v2 = Chang va tirnalishlar V2
