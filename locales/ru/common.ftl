# Shared texts: errors, guards, buttons used across features.
error-generic = ⚠️ У нас что-то пошло не так. Пожалуйста, попробуйте ещё раз чуть позже.
flood-slow-down = 🐢 Слишком много сообщений подряд. Подождите { $seconds } с и попробуйте снова.
banned = ⛔️ Ваш доступ к Bananapics заблокирован.
    Причина: { $reason }
banned-no-reason = ⛔️ Ваш доступ к Bananapics заблокирован.
unknown-command = 🤔 Я не знаю такой команды. /help покажет, что я умею.
unknown-input = 🤔 Я пока не могу это использовать. Отправьте текстовое описание изображения или откройте /help.
menu-expired = Это меню устарело. Откройте /start, чтобы получить новое.
btn-back = ⬅️ Назад
btn-home = 🏠 Главная
payment-unavailable = Оплата сейчас недоступна. Пожалуйста, попробуйте позже.
