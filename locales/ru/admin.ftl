# Меню администратора (/admin, только ADMIN_IDS), журнал действий и ежедневный отчёт.
admin-menu-title =
    🛠 <b>Администрирование</b>

    Выберите раздел.
admin-btn-stats = 📊 Статистика
admin-btn-users = 👥 Пользователи
admin-btn-broadcasts = 📢 Рассылки
admin-btn-provider = 🌊 Провайдер
admin-btn-menu = ⬅️ Меню администратора
admin-btn-cancel = ❌ Отмена
admin-btn-refresh = 🔄 Обновить
admin-cancelled = Отменено.

admin-stats =
    📊 <b>Статистика</b>

    <b>Пользователи</b>
    Всего { $usersTotal } · заблокированы нами { $banned } · заблокировали бота { $blockedBot }
    Новые: сегодня { $newToday } · 7 дней { $new7d } · 30 дней { $new30d }
    Активные: 7 дней { $active7d } · 30 дней { $active30d }
    Платящие: { $paying }

    <b>Выручка</b>
    ⭐ сегодня { $revenueToday } · 7 дней { $revenue7d } · 30 дней { $revenue30d } · всего { $revenueTotal }

    <b>Генерации</b>
    Всего { $generations } · ✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress }
    Успешность: { $successRate }
    { $byModel }

    <b>Кредиты</b>
    Куплено { $bought } · потрачено { $spent } · возвращено { $refunded }
    Списано при возврате Stars { $reversed } · реферальные бонусы { $bonuses } · корректировки { $adjustments }

    <b>Баланс провайдера</b>: { $providerBalance }
admin-stats-model = • { $model }: { $total } (✅ { $delivered } · ❌ { $failed })
admin-stats-no-models = Генераций пока нет.
admin-rate = { $percent } %
admin-rate-none = —
admin-balance-usd = ${ $amount }
admin-balance-unknown = неизвестен

admin-provider =
    🌊 <b>Провайдер</b>

    Баланс: { $balance }
    Очередь: { $waiting } ждут · { $running } у провайдера
    За 24 часа: { $total24 } · ✅ { $delivered24 } · ❌ { $failed24 } · успешность { $rate24 }
    За 7 дней: { $total7 } · ✅ { $delivered7 } · ❌ { $failed7 } · успешность { $rate7 }

    <b>Последние сбои</b>
    { $failures }
admin-provider-failure = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $model } · { $code } · #{ $generationId } (пользователь { $userId })
admin-provider-no-failures = Нет.

admin-users-ask = 👥 Отправьте Telegram id, @username, часть имени или реферальный код.
admin-users-none = Никто не найден по запросу «{ $query }». Попробуйте ещё раз или отмените.
admin-users-results = Найдено: { $count }. Выберите:
admin-user-button = { $banned }{ $name } · { $balance } кр
admin-user-card =
    👤 <b>{ $name }</b> · { $username }
    Telegram id <code>{ $telegramId }</code> · наш id { $userId }
    Язык { $locale } · с нами с { DATETIME($joined, dateStyle: "short") } · был { DATETIME($lastSeen, dateStyle: "short", timeStyle: "short") }
    Статус: { $status }

    Баланс: <b>{ $balance }</b> кредитов · бесплатных генераций использовано { $trialUsed }
    Генерации: { $generations } (✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress })
    Платежи: { $payments } · ⭐ { $stars } · возвращено { $refundedPayments }
    Пригласил: { $referrer }
    Реферальный код: { $referralCode } · пришли по нему { $invited }
    Рассылки: { $broadcasts }

    <b>Последние действия администраторов</b>
    { $actions }
admin-status-active = активен
admin-status-banned = ⛔️ заблокирован ({ $reason })
admin-status-blocked = 🚫 заблокировал бота
admin-status-erased = 🗑 аккаунт удалён
admin-broadcasts-on = включены
admin-broadcasts-off = выключены
admin-card-action = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $action } · { $admin } · { $reason }
admin-card-no-actions = Нет.
admin-action-credits-adjusted = изменение кредитов
admin-action-user-banned = блокировка
admin-action-user-unbanned = разблокировка
admin-action-generation-refunded = возврат за генерацию
admin-action-payment-refunded = возврат Stars
admin-action-account-erased = удаление аккаунта
admin-action-broadcast-started = запуск рассылки
admin-action-broadcast-paused = пауза рассылки
admin-action-broadcast-resumed = продолжение рассылки
admin-action-broadcast-cancelled = отмена рассылки
admin-action-support-replied = ответ поддержки
admin-action-setting-changed = изменение настройки
admin-action-model-changed = изменение модели
admin-action-broadcast-created = черновик рассылки
admin-action-admin-signed-in = вход в панель
admin-action-admin-signed-out = выход из панели
admin-btn-delete = 🗑 Удалить аккаунт
admin-delete-choose =
    🗑 <b>Удалить этот аккаунт сейчас?</b>

    Только по запросу на удаление, проверенному поддержкой, или для аккаунта ребёнка. Выберите причину:
admin-btn-delete-request = ✅ Проверенный запрос на удаление
admin-btn-delete-child = 👶 Аккаунт ребёнка
admin-delete-reason-admin-request = проверенный запрос на удаление
admin-delete-reason-child-account = аккаунт ребёнка
admin-delete-confirm =
    🗑 Окончательно удалить аккаунт <b>{ $name }</b> ({ $reason })?

    Данные будут удалены или обезличены, баланс { $balance } кредитов сгорит. Отменить это нельзя.
admin-btn-delete-confirm = 🗑 Да, удалить сейчас
admin-delete-done = ✅ Аккаунт удалён. Сгорело кредитов: { $forfeited }.
admin-delete-deferred = ⏳ Аккаунт помечен к удалению, бот его больше не обслуживает; он будет удалён, как только завершатся его генерации ({ $count }) и из галереи будут убраны его публикации ({ $posts }).
admin-btn-adjust = 💰 Изменить кредиты
admin-btn-ban = ⛔️ Заблокировать
admin-btn-unban = ✅ Разблокировать
admin-btn-generations = 🎨 Генерации
admin-btn-payments = ⭐ Платежи
admin-btn-back-to-user = ⬅️ К пользователю

admin-adjust-ask =
    💰 Отправьте изменение и причину одним сообщением, например:
    <code>+500 компенсация за сбой</code>
    <code>-200 двойная покупка</code>
admin-adjust-format = Начните с целого числа кредитов (+ начислить, − списать), затем причина.
admin-adjust-done = ✅ Баланс изменён на { $delta }: теперь { $balance } кредитов.
admin-adjust-insufficient = ❌ Нельзя списать { $amount } кредитов: на балансе только { $balance }. Ничего не изменено.

admin-ban-ask = ⛔️ Отправьте причину блокировки. Пользователь её увидит.
admin-unban-ask = ✅ Отправьте причину снятия блокировки (сохраняется в журнале).
admin-ban-done = ⛔️ Заблокирован. Пользователю сообщено с причиной.
admin-ban-done-untold = ⛔️ Заблокирован. Сообщить не удалось: пользователь заблокировал бота.
admin-unban-done = ✅ Разблокирован. Пользователю сообщено.
admin-unban-done-untold = ✅ Разблокирован. Сообщить не удалось: пользователь заблокировал бота.
admin-notice-unbanned = ✅ Доступ к Bananapics восстановлен. С возвращением!

admin-generations =
    🎨 <b>Последние генерации</b>

    { $list }

    Вернуть можно один раз и только за завершённую платную генерацию.
admin-generations-none = Генераций нет.
admin-generation-line = • #{ $id } · { $model } · { $status } · { $paid }{ $refunded } · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
admin-generation-price = { $credits } кр
admin-generation-trial = бесплатная
admin-generation-refunded = , возвращено
admin-btn-refund-generation = ↩️ Вернуть #{ $id } ({ $credits } кр)
admin-btn-confirm-refund = ✅ Да, вернуть
admin-refund-generation-confirm = Вернуть <b>{ $credits }</b> кредитов за генерацию #{ $id } ({ $model })?
admin-refund-generation-done = ✅ Генерация #{ $id } возвращена: +{ $credits } кредитов, баланс { $balance }.

admin-payments =
    ⭐ <b>Последние платежи</b>

    { $list }
admin-payments-none = Платежей нет.
admin-payment-line = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } кр · { $status } · <code>{ $chargeId }</code>
admin-btn-refund-payment = ↩️ Вернуть ⭐ { $stars } ({ $credits } кр)
admin-refund-payment-confirm =
    Вернуть пользователю <b>{ $stars } Stars</b> и списать до { $credits } кредитов?
    Платёж <code>{ $chargeId }</code>
admin-refund-payment-done = ✅ { $stars } Stars возвращены. Списано кредитов: { $deducted } (уже потрачено: { $shortfall }).
admin-refund-payment-already = ℹ️ Telegram уже вернул эти { $stars } Stars. Списано кредитов: { $deducted } (уже потрачено: { $shortfall }).
admin-refund-payment-failed = ❌ Telegram отказал в возврате: { $description }. Ничего не изменено.

admin-error-user-not-found = Такого пользователя нет, или его аккаунт удалён.
admin-error-reason-required = Нужна причина.
admin-error-reason-too-long = Причина слишком длинная: не более { $max } символов.
admin-error-amount = Сумма должна быть целым числом кредитов, не равным 0.
admin-error-not-banned = Этот пользователь не заблокирован.
admin-error-generation-not-found = Такой генерации нет.
admin-error-trial-generation = Это была бесплатная пробная генерация: возвращать нечего.
admin-error-already-refunded = За эту генерацию уже сделан возврат.
admin-error-generation-running = Генерация ещё выполняется; если она не удастся, возврат будет автоматическим.
admin-error-payment-not-found = У этого пользователя нет такого платежа.

admin-report =
    📈 <b>Ежедневный отчёт</b> · { $date } (последние 24 часа)

    👥 Пользователи: { $users } · новые { $newUsers } · активные { $activeUsers }
    🎨 Генерации: { $generations } · ✅ { $delivered } · ❌ { $failed } · успешность { $successRate }
    🏆 Популярные модели:
    { $topModels }
    💳 Кредиты: куплено { $bought } · потрачено { $spent } · возвращено { $refunded }
    ⭐ Выручка: { $revenue } Stars
admin-report-model = { $place }. { $model } — { $count }
admin-report-no-models = нет
