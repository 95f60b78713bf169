# My images: delivered generations and tool results, sent again from their Telegram file ids.
btn-my-images = 🖼 Mening rasmlarim
images-title = 🖼 <b>Mening rasmlarim</b> · { $pages } sahifadan { $page }-sahifa
images-empty =
    🖼 <b>Mening rasmlarim</b>

    Hozircha bu yerda hech narsa yo'q. Boshlash uchun rasm tavsifini — yoki suratni — yuboring.
images-item =
    <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · 🤖 { $model }
    <i>{ $prompt }</i>
images-item-tool = <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $emoji } { $tool }{ $options }
btn-images-send = 📤 { $number }
btn-images-newer = ⬅️ Yangiroq
btn-images-older = Eskiroq ➡️
images-gone = Bu rasmni endi yuborib bo'lmaydi. Yangi ro'yxat uchun /images ni oching.
