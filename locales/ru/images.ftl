# My images: delivered generations and tool results, sent again from their Telegram file ids.
btn-my-images = 🖼 Мои изображения
images-title = 🖼 <b>Мои изображения</b> · страница { $page } из { $pages }
images-empty =
    🖼 <b>Мои изображения</b>

    Здесь пока пусто. Отправьте описание изображения — или фото, — чтобы начать.
images-item =
    <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · 🤖 { $model }
    <i>{ $prompt }</i>
images-item-tool = <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $emoji } { $tool }{ $options }
btn-images-send = 📤 { $number }
btn-images-newer = ⬅️ Новее
btn-images-older = Старее ➡️
images-gone = Это изображение больше нельзя отправить. Откройте /images, чтобы обновить список.
