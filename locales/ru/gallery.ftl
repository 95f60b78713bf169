# The public gallery channel (in DEFAULT_LOCALE): never who made an image, only what and with which model.
gallery-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
gallery-references-caption = 📎 Исходные изображения
