# Drafts, model and parameter menus, generation status and results.
generation-mode-text = ⚙️ <b>Текст в изображение</b>
generation-mode-edit = ⚙️ <b>Редактирование: референсов — { $count }</b>
generation-draft =
    { $mode }

    <blockquote>{ $prompt }</blockquote>

    🤖 Модель: <b>{ $model }</b>
    { $params }
generation-draft-balance = 💰 Баланс: { $balance } кредитов
generation-draft-trial = 🎁 Бесплатных генераций осталось: { $count }
generation-param-line = { $name }: <b>{ $value }</b>
btn-generate = 🚀 Создать — { $price } кредитов
btn-generate-trial = 🚀 Создать — бесплатно
btn-model = 🤖 Модель: { $model }
btn-param = { $name }: { $value }
btn-param-default = По умолчанию
generation-param-aspect_ratio = 📐 Соотношение сторон
generation-param-size = 📏 Размер
generation-param-resolution = 🖥 Разрешение
generation-param-quality = ✨ Качество
generation-param-input_fidelity = 🎯 Точность к исходнику
generation-choose-model = 🤖 <b>Выберите модель</b>
generation-model-line = { $emoji } <b>{ $name }</b> — { $stars } · { $time } · { $price } кредитов
generation-time-seconds = { $min }–{ $max } с
generation-time-minutes = { $min }–{ $max } мин
generation-choose-param = { $name }: выберите значение
generation-prompt-too-long = ✂️ Описание слишком длинное: { $length } символов. Максимум — { $limit }. Сократите его и отправьте снова.
generation-prompt-empty = ✍️ Опишите изображение словами.
generation-ask-prompt =
    🖼 Получено изображений: { $count }.

    ✍️ Теперь отправьте текст — что с ними сделать.
generation-too-many-references = 🖼 { $model } принимает не больше { $limit } референсов, а вы отправили { $count }. Выберите другую модель или отправьте меньше изображений.
generation-not-an-image = 📎 «{ $name }» — не изображение JPEG, PNG или WebP. Отправьте фото или файл изображения.
generation-file-too-large = 📦 «{ $name }» больше { $limit } МБ. Отправьте изображение поменьше.
generation-album-too-large = 🖼 В альбоме может быть не больше 10 изображений.
generation-insufficient-credits =
    💳 Недостаточно кредитов: генерация стоит { $price }, на балансе { $balance }.

    Пополните баланс: /topup.
generation-parallel-limit = ⏳ У вас уже выполняется генераций: { $limit }. Дождитесь, пока одна из них завершится.
generation-provider-paused = 🛠 Генерация изображений временно приостановлена на техническое обслуживание. Ваши кредиты в сохранности — попробуйте чуть позже.
generation-model-unavailable = 🤖 Эта модель сейчас недоступна. Выберите другую.
generation-draft-expired = Этот черновик уже неактивен. Отправьте новое описание, чтобы начать заново.
generation-already-started = ⏳ Эта генерация уже запущена.
generation-status-queued = ⏳ <b>В очереди</b> · { $model }
generation-status-processing = 🎨 <b>Генерация…</b> · { $model }
generation-status-done = ✅ <b>Готово</b> · { $model }
generation-status-failed =
    ❌ <b>Не получилось создать изображение</b> · { $model }
    { $reason }
generation-refunded = 💰 { $credits } кредитов возвращены на баланс.
generation-trial-returned = 🎁 Бесплатная генерация возвращена.
generation-failed-provider_failed = Сервис изображений не смог создать это изображение.
generation-failed-content_blocked = Фильтр безопасности сервиса изображений заблокировал запрос. Попробуйте переформулировать описание.
generation-failed-timeout = Сервис изображений слишком долго не отвечал.
generation-failed-submit_rejected = Сервис изображений отклонил запрос.
generation-failed-submit_unknown = Сервис изображений не ответил.
generation-failed-reference_unavailable = Не удалось прочитать одно из изображений-референсов.
generation-failed-delivery_failed = Не удалось доставить готовое изображение.
generation-failed-nsfw_blocked = Результат помечен как небезопасный и не был доставлен.
generation-failed-internal = У нас что-то пошло не так.
generation-result-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
btn-retry = 🔁 Повторить
btn-regenerate = 🔁 Ещё раз
generation-value-auto = Авто
generation-value-low = Низкое
generation-value-medium = Среднее
generation-value-high = Высокое
generation-references-over-limit = ⚠️ { $model } принимает не больше { $limit } референсов; в этом черновике их { $count }.
generation-provider-balance-alert =
    ⚠️ <b>Низкий баланс Wavespeed</b>: ${ $balance } (порог ${ $threshold }).

    Новые генерации приостановлены до пополнения счёта; уже запущенные продолжаются.
