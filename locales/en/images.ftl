# My images: delivered generations and tool results, sent again from their Telegram file ids.
btn-my-images = 🖼 My images
images-title = 🖼 <b>My images</b> · page { $page } of { $pages }
images-empty =
    🖼 <b>My images</b>

    Nothing here yet. Send a description of an image — or a photo — to start.
images-item =
    <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · 🤖 { $model }
    <i>{ $prompt }</i>
images-item-tool = <b>{ $number }.</b> { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $emoji } { $tool }{ $options }
btn-images-send = 📤 { $number }
btn-images-newer = ⬅️ Newer
btn-images-older = Older ➡️
images-gone = This image can no longer be sent. Open /images for a fresh list.
