# Мини-приложение (web/miniapp) и входы в него из бота. Приложение форматирует эти тексты в браузере
# подмножеством Fluent (web/miniapp/src/i18n/fluent-lite.ts): обычный текст, { $переменные } и выбор
# формы множественного числа; без HTML. test/http/miniapp/miniapp-locales.test.ts сверяет его с Fluent.

## В боте
btn-open-app = 📱 Открыть приложение
miniapp-menu-button = Приложение
miniapp-reference-caption = 📎 Референс, добавленный в приложении

## Вход и ошибки
miniapp-title = Bananapics
miniapp-loading = Загрузка…
miniapp-open-from-bot = Это приложение работает внутри Telegram. Откройте его из бота.
miniapp-open-bot = Открыть @{ $bot }
miniapp-error-init_data_expired = Сеанс истёк. Закройте приложение и снова откройте его из бота.
miniapp-error-init_data_invalid = Telegram не подтвердил, кто вы. Закройте приложение и снова откройте его из бота.
miniapp-error-unauthorized = Telegram не подтвердил, кто вы. Закройте приложение и снова откройте его из бота.
miniapp-error-not_registered = Сначала откройте бота и нажмите «Старт».
miniapp-error-banned = Ваш аккаунт заблокирован. Если это ошибка, напишите в поддержку через бота.
miniapp-error-policy_not_accepted = Сначала откройте бота и примите Условия и Политику конфиденциальности.
miniapp-error-network = Нет соединения. Проверьте интернет и попробуйте снова.
miniapp-error-generic = Что-то пошло не так. Попробуйте ещё раз.
miniapp-crashed = В приложении произошла ошибка.
miniapp-reload = Перезагрузить
miniapp-retry = Повторить

## Кошелёк
miniapp-credits = { $count } { $count ->
    [one] кредит
    [few] кредита
   *[many] кредитов
    }
miniapp-free-left = 🎁 { $count } бесплатно
miniapp-top-up = Пополнить
miniapp-balance = Баланс
miniapp-price = Цена
miniapp-free = Бесплатно

## История
miniapp-feed-empty = Пока нет изображений. Опишите картинку ниже и нажмите «Создать».
miniapp-loading-more = Загружаем ещё…
miniapp-phase-queued = В очереди
miniapp-phase-processing = Создаётся…
miniapp-phase-done = Готово
miniapp-phase-failed = Не получилось
miniapp-source-bot = из чата
miniapp-references = Референсов: { $count }
miniapp-refunded = { $credits } возвращено на баланс.
miniapp-trial-returned = Бесплатная генерация возвращена.
miniapp-failed-provider_failed = Сервис изображений не смог создать эту картинку.
miniapp-failed-content_blocked = Фильтр безопасности сервиса изображений заблокировал запрос. Попробуйте переформулировать описание.
miniapp-failed-timeout = Сервис изображений слишком долго не отвечал.
miniapp-failed-submit_rejected = Сервис изображений отклонил запрос.
miniapp-failed-submit_unknown = Сервис изображений не ответил.
miniapp-failed-reference_unavailable = Не удалось прочитать референсное изображение.
miniapp-failed-delivery_failed = Готовое изображение не удалось доставить.
miniapp-failed-nsfw_blocked = Результат помечен как небезопасный и не был доставлен.
miniapp-failed-internal = Что-то пошло не так на нашей стороне.
miniapp-copy-prompt = Копировать описание
miniapp-copied = Описание скопировано
miniapp-copy-failed = Не удалось скопировать описание
miniapp-regenerate = Повторить
miniapp-download = Скачать
miniapp-close = Закрыть
miniapp-open-image = Открыть изображение

## Повтор
miniapp-regenerate-title = Создать ещё раз?
miniapp-regenerate-text = То же описание, модель, настройки и изображения.
miniapp-confirm-generate = Создать
miniapp-cancel = Отмена

## Создание
miniapp-prompt-placeholder = Опишите изображение…
miniapp-prompt-label = Описание
miniapp-attach = Прикрепить изображения
miniapp-remove-image = Убрать изображение
miniapp-uploading = Загрузка…
miniapp-generate = Создать · { $price }
miniapp-top-up-to-generate = Пополните баланс, чтобы создать
miniapp-model = Модель
miniapp-choose-model = Выберите модель
miniapp-seconds = { $min }–{ $max } с
miniapp-minutes = { $min }–{ $max } мин
miniapp-price-range = { $min }–{ $max } кредитов
miniapp-max-references = до { $count } изображений
miniapp-param-aspect_ratio = Соотношение сторон
miniapp-param-size = Размер
miniapp-param-resolution = Разрешение
miniapp-param-quality = Качество
miniapp-param-input_fidelity = Близость к исходнику
miniapp-param-default = По умолчанию
miniapp-value-auto = Авто
miniapp-value-low = Низкое
miniapp-value-medium = Среднее
miniapp-value-high = Высокое
miniapp-started = Запущено. Результат также придёт в чат.

## Отказы
miniapp-error-prompt_empty = Пожалуйста, опишите изображение словами.
miniapp-error-prompt_too_long = Описание слишком длинное: { $length } символов. Ограничение — { $limit }.
miniapp-error-too_many_references = Эта модель принимает не больше { $limit } референсов. Уберите лишние или выберите другую модель.
miniapp-error-reference_invalid = Срок прикреплённого изображения истёк. Уберите его и прикрепите снова.
miniapp-error-not_an_image = «{ $name }» — не изображение JPEG, PNG или WebP.
miniapp-error-file_too_large = «{ $name }» больше { $limit } МБ.
miniapp-error-upload_failed = Не удалось загрузить «{ $name }».
miniapp-error-too_many_uploads = Слишком много изображений подряд. Подождите несколько минут.
miniapp-error-chat_unavailable = Бот не может вам написать. Разблокируйте бота и попробуйте снова.
miniapp-error-model_unavailable = Эта модель сейчас недоступна. Выберите другую.
miniapp-error-invalid_parameters = Эти настройки больше недоступны. Выберите заново.
miniapp-error-price_changed = Цена изменилась: теперь { $price } кредитов. Проверьте и нажмите «Создать» ещё раз.
miniapp-error-insufficient_funds = Недостаточно кредитов: это стоит { $price }, на балансе { $balance }.
miniapp-error-parallel_limit = У вас уже выполняется генераций: { $limit }. Дождитесь, пока одна завершится.
miniapp-error-provider_paused = Создание изображений приостановлено на обслуживание. Ваши кредиты в сохранности; попробуйте позже.
miniapp-error-already_started = Эта генерация уже запущена.
miniapp-error-not_found = Генерация не найдена.

## Пополнение
miniapp-top-up-title = Пополнение через Telegram Stars
miniapp-top-up-preset = { $stars } ⭐ → { $credits }
miniapp-top-up-paid = Оплата получена. Кредиты появятся через мгновение.
miniapp-top-up-cancelled = Оплата отменена.
miniapp-top-up-failed = Оплата не прошла.
miniapp-top-up-pending = Оплата обрабатывается.
miniapp-top-up-outside-telegram = Оплата открывается только внутри Telegram. В песочнице оплатите через /topup в чате.
miniapp-error-payments_disabled = Пополнение сейчас приостановлено. Попробуйте позже.
miniapp-error-amount_invalid = Такую сумму купить нельзя.

# Image tools' runs in the history: they have no prompt, so the card names the tool (as tools.ftl does).
miniapp-kind-tool = Инструмент
miniapp-tool-watermark = Убрать водяной знак
miniapp-tool-upscale = Увеличить
miniapp-tool-denoise = Убрать шум
miniapp-tool-restore = Реставрация
miniapp-tool-enhance = Улучшить
miniapp-tool-value-normal = Обычный
miniapp-tool-value-strong = Сильный
miniapp-tool-value-extreme = Максимальный
miniapp-tool-value-dust-scratch = Пыль и царапины
miniapp-tool-value-dust-scratch-v2 = Пыль и царапины V2
