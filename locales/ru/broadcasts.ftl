# Рассылки: мастер администратора, живое сообщение о ходе и итог.
broadcast-list =
    📢 <b>Рассылки</b>

    { $list }
broadcast-list-none = Рассылок пока не было.
broadcast-list-line = • #{ $id } · { $status } · { $total } получателей · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
broadcast-btn-new = ➕ Новая рассылка
broadcast-btn-open = 📢 #{ $id }
broadcast-ask-content =
    📢 Отправьте сообщение для рассылки: текст с оформлением, фото, видео, анимацию, документ, аудио или стикер.
    Каждый получатель получит точную копию.
broadcast-content-unsupported = Такое сообщение нельзя разослать. Отправьте текст, фото, видео, анимацию, документ, аудио или стикер (одно сообщение, не альбом).
broadcast-preview-title = 👁 Так его увидят получатели:
broadcast-ask-audience =
    👥 Кому отправить? Заблокированные нами, заблокировавшие бота и отключившие рассылки пользователи не получат её никогда.
broadcast-audience-button = { $audience } · { $count }
broadcast-audience-all = Все
broadcast-audience-active-7d = Активные 7 дней
broadcast-audience-active-30d = Активные 30 дней
broadcast-audience-with-balance = С балансом
broadcast-audience-paying = Платящие
broadcast-audience-new-7d = Новые за 7 дней
broadcast-audience-language = Язык: { $language }
broadcast-ask-button-choice = Аудитория: <b>{ $audience }</b>. Добавить кнопку-ссылку под сообщением?
broadcast-btn-add-button = 🔗 Добавить кнопку
broadcast-btn-no-button = Без кнопки
broadcast-ask-button =
    🔗 Отправьте текст кнопки и ссылку через «|», например:
    <code>Открыть магазин | https://example.com</code>
broadcast-confirm =
    📢 <b>Рассылка #{ $id }</b>

    Содержимое: { $kind }
    Аудитория: { $audience } · сейчас <b>{ $count }</b> получателей
    Кнопка: { $button }

    Начать отправку?
broadcast-no-button = нет
broadcast-kind-text = текст
broadcast-kind-photo = фото
broadcast-kind-video = видео
broadcast-kind-animation = анимация
broadcast-kind-document = документ
broadcast-kind-audio = аудио
broadcast-kind-sticker = стикер
broadcast-btn-preview = 👁 Предпросмотр
broadcast-btn-start = 🚀 Начать
broadcast-btn-discard = 🗑 Удалить
broadcast-preview-shown = 👆 Предпросмотр с кнопкой — ровно так, как увидят получатели.
broadcast-discarded = 🗑 Черновик удалён.
broadcast-started = 🚀 Рассылка #{ $id } запущена для { $total } получателей. Ход — ниже.

broadcast-progress =
    📢 <b>Рассылка #{ $id }</b> · { $status }
    { $bar } { $percent } %

    ✅ Отправлено: { $sent }
    🚫 Заблокировали бота: { $blocked }
    ⚠️ Ошибки: { $failed }
    ⏭ Пропущено: { $skipped }
    ⏳ Ждут: { $pending }
    👥 Всего: { $total }

    Обновлено { $time }
broadcast-status-draft = черновик
broadcast-status-running = отправляется
broadcast-status-paused = на паузе
broadcast-status-completed = завершена
broadcast-status-cancelled = отменена
broadcast-btn-pause = ⏸ Пауза
broadcast-btn-resume = ▶️ Продолжить
broadcast-btn-cancel = ⏹ Отменить
broadcast-btn-refresh = 🔄 Обновить

broadcast-summary =
    🏁 <b>Рассылка #{ $id } { $outcome }</b>

    Доставлено: { $sent } из { $total } ({ $percent } %)
    Заблокировали бота: { $blocked }
    Ошибки: { $failed }
    Пропущено (вышли из аудитории): { $skipped }
    Не отправлено: { $unsent }
    Заняло { $seconds } с
broadcast-outcome-completed = завершена
broadcast-outcome-cancelled = отменена

broadcast-error-not-found = Такой рассылки нет.
broadcast-error-state = Сейчас нельзя: рассылка в состоянии «{ $status }».
broadcast-error-empty-audience = В этой аудитории сейчас никого нет. Выберите другую.
broadcast-error-button-text = Текст кнопки — от 1 до { $max } символов.
broadcast-error-button-url = Ссылка должна начинаться с http:// или https://.

# Essential service notices (privacy policy 6.3): they also reach users who turned broadcasts off.
# The marking line above every copy; plain text, no HTML (it is sent with entities).
broadcast-service-notice = 🔔 Служебное уведомление
broadcast-btn-essential = 🔔 Отправить как служебное уведомление…
broadcast-btn-ordinary = ↩️ Отправить как обычную рассылку
broadcast-btn-essential-confirm = ⚠️ Да, это важное служебное уведомление
broadcast-essential-warning =
    ⚠️ <b>Служебное уведомление — только для важной информации</b>

    Служебное уведомление получат и те, кто отключил рассылки в настройках: { $audience } · <b>{ $count }</b> получателей, из них <b>{ $optedOut }</b> отказались от рассылок.

    Используйте его только для того, что пользователям нужно знать, чтобы пользоваться сервисом: изменение условий или политики конфиденциальности, сбой, изменения в оплате или в их аккаунте. Никогда — для новостей, новых моделей, акций и предложений: пользователи их отключили, и такая отправка нарушает политику конфиденциальности.

    Каждая копия начинается строкой «🔔 Служебное уведомление». Ваше подтверждение записывается в журнал действий.
broadcast-confirm-essential = 🔔 <b>Важное служебное уведомление</b>: { $optedOut } получателей отключили рассылки и получат его только потому, что оно важное.
broadcast-error-service-notice-sticker = Стикер не может быть служебным уведомлением: отправьте текст (или фото с подписью), в котором сказано, что изменилось.
broadcast-error-service-notice-source-missing = Этот черновик создан до появления служебных уведомлений. Начните новую рассылку, чтобы отправить его так.
broadcast-error-service-notice-too-long = Служебное уведомление — не длиннее { $max } символов, чтобы над ним поместилась строка служебного уведомления.
