# Privacy and data rights: /mydata, /export, /deleteme, withdrawing consent, the deletion notice.
privacy-summary-title = 🔒 <b>Ваши данные в Bananapics</b>
privacy-summary-account = 👤 <b>Аккаунт</b>: Telegram ID <code>{ $telegramId }</code>, имя, имя пользователя, язык и настройки.
privacy-summary-consent = ✅ <b>Согласие</b>: Условия использования и Политика конфиденциальности (версия { $version }) приняты { DATETIME($date, dateStyle: "long") }.
privacy-summary-no-consent = ✅ <b>Согласие</b>: ещё не дано.
privacy-summary-balance = 💰 <b>Баланс</b>: { $balance } · записей в истории: { $entries } · платежей: { $payments }
privacy-summary-generations = 🎨 <b>Генерации</b>: { $count } (запросы, параметры, исходные изображения, результаты)
privacy-summary-referrals = 🤝 <b>Рефералы</b>: ваша пригласительная ссылка и записей о приглашениях: { $count }
privacy-summary-other = 🗂 <b>Другие записи</b>: { $count }
privacy-summary-technical = 🛡 <b>Технические данные</b>: IP-адреса — только ненадолго, для ограничения частоты запросов; в нашей базе данных и логах их нет.
privacy-summary-retention =
    🕒 <b>Сколько мы храним</b>
    • Аккаунт, история баланса и платежи: пока аккаунт активен, а затем столько, сколько требуют закон и разрешение споров.
    • Запросы и параметры: бессрочно, для улучшения сервиса и разрешения споров, — пока вы не удалите аккаунт.
    • Созданные изображения: временные ссылки провайдера истекают (обычно через 24–72 часа); исходные изображения хранятся вместе с генерациями.
    • После запроса на удаление: личные данные удаляются в течение 30 дней; записи о платежах и балансе остаются в обезличенном виде.
privacy-summary-actions =
    /export — копия всего, что мы о вас храним (файл JSON)
    /deleteme — удалить аккаунт
    /settings — новости и галерея
btn-export = 📦 Скачать мои данные
btn-delete-account = 🗑 Удалить аккаунт
privacy-export-caption = 📦 Всё, что Bananapics хранит о вас, на { DATETIME($date, dateStyle: "long", timeStyle: "short") }. Файл JSON, по разделу на каждый вид записей.
privacy-export-too-soon = ⏳ Скачивать данные можно раз в { $minutes } мин. Попробуйте снова через { $wait } мин.
privacy-delete-title = 🗑 <b>Удалить аккаунт?</b>
privacy-withdraw-title =
    ↩️ <b>Отозвать согласие?</b>

    Мы можем оказывать услугу, только пока вы согласны на обработку ваших данных, поэтому отзыв согласия означает удаление аккаунта.
privacy-delete-consequences =
    • Аккаунт будет удалён <b>{ DATETIME($date, dateStyle: "long") }</b>. До этого бот ничего для вас не делает — только позволяет отменить удаление.
    • Затем мы удалим ваш Telegram ID, имя, имя пользователя, язык, настройки, запросы, исходные и готовые файлы и вашу реферальную ссылку.
    • Оставшийся баланс <b>{ $balance }</b> сгорает.
    • Записи о платежах и балансе сохраняются в обезличенном виде — этого требуют закон и защита от мошенничества.
privacy-delete-export-hint = 💾 Нужна копия? Отправьте /export, прежде чем подтвердить.
btn-delete-confirm = 🗑 Да, удалить аккаунт
btn-withdraw-confirm = ↩️ Отозвать и удалить
btn-delete-keep = ✖️ Нет, оставить
privacy-delete-kept = 👍 Ничего не удалено. Ваш аккаунт остаётся как есть.
privacy-deletion-scheduled =
    🗑 <b>Ваш аккаунт будет удалён { DATETIME($date, dateStyle: "long") }.</b>

    До этого бот не будет обрабатывать ваши запросы. Передумали? Нажмите «Отменить удаление».
privacy-deletion-pending = ⏳ Ваш аккаунт будет удалён <b>{ DATETIME($date, dateStyle: "long") }</b>. Нажмите «Отменить удаление», чтобы сохранить его.
privacy-deletion-in-progress = ⏳ Ваш аккаунт удаляется.
btn-deletion-cancel = ↩️ Отменить удаление
privacy-deletion-cancelled = ✅ Удаление отменено. Ваш аккаунт остаётся как был.
privacy-deletion-not-pending = Ваш аккаунт не запланирован к удалению.
# /history label of the ledger kind written by an erasure.
ledger-kind-account-erasure = 🗑 Баланс сгорел при удалении аккаунта
privacy-deletion-gallery-removing = 🧹 Ваши публикации в открытом канале галереи сейчас удаляются. Если вы отмените удаление аккаунта, они не вернутся.
