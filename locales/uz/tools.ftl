# Image tools for a picture sent without a prompt: the offer, each tool's screen, statuses and the result.
btn-tool = { $emoji } { $tool } — { $price }
tool-price = { $credits } kr
tool-price-from = { $credits } kr dan
tool-screen-title = { $emoji } <b>{ $tool }</b>
tool-option-line = { $name }: <b>{ $value }</b>
tool-screen-price = 💰 Narxi: <b>{ $price }</b> · balans: { $balance }
btn-tool-start = ✅ Boshlash — { $price }
tool-name-watermark = Suv belgisini olib tashlash
tool-name-upscale = Kattalashtirish
tool-name-denoise = Shovqinni tozalash
tool-name-restore = Qayta tiklash
tool-name-enhance = Sifatini oshirish
tool-about-watermark = Rasmdan suv belgilari, logotiplar va yozuvlarni olib tashlaydi.
tool-about-upscale = Rasmni tiniqligini saqlagan holda 2K, 4K yoki 8K gacha kattalashtiradi.
tool-about-denoise = Donadorlik va shovqinni tozalaydi — masalan, kam yorug'likda olingan suratdan.
tool-about-restore = Eski suratlar va skanlardagi chang va tirnalgan joylarni tuzatadi.
tool-about-enhance = Tiniqlik va tafsilotlarni yaxshilaydi; rasmga mos rejimni tanlang.
tool-param-target_resolution = 🖥 Aniqlik
tool-param-model = 🎛 Rejim
tool-param-size = 📏 O'lcham
tool-value-normal = Oddiy
tool-value-strong = Kuchli
tool-value-extreme = Maksimal
tool-value-dust-scratch = Chang va tirnalishlar
tool-value-dust-scratch-v2 = Chang va tirnalishlar V2
tool-status-queued = ⏳ <b>Navbatda</b> · { $tool }
tool-status-processing = 🛠 <b>Ishlov berilmoqda…</b> · { $tool }
tool-status-done = ✅ <b>Tayyor</b> · { $tool }
tool-status-failed =
    ❌ <b>Rasmga ishlov berib bo'lmadi</b> · { $tool }
    { $reason }
tool-result-caption = { $emoji } <b>{ $tool }</b>{ $options }
tool-already-started = ⏳ Bu rasmga allaqachon ishlov berilmoqda.
tool-unavailable = 🛠 Bu vosita hozircha mavjud emas.
tool-insufficient-credits =
    💳 Kredit yetarli emas: bu vosita { $price } turadi, balansingiz { $balance }.

    Balansni to'ldirish: /topup.
